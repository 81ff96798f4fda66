namespace CustOrder.BrowserTests;

/// <summary>Files of this test project: its npm packages (axe-core) and its output folder (screenshots, never committed).</summary>
internal static class TestFiles
{
    /// <summary>This project's folder, found from the build output (bin/Debug/net10.0) upwards.</summary>
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    /// <summary>A file under test-output/ (gitignored), named in the test's output for a look by hand.</summary>
    public static string Output(string name)
    {
        var path = Path.Combine(ProjectDirectory, "test-output", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TestContext.Current.TestOutputHelper?.WriteLine($"Written: {path}");
        return path;
    }

    /// <summary>
    /// axe-core's browser build, from <c>npm ci</c> in this folder. Without it the test fails on CI
    /// (CI=true), and is skipped elsewhere with a hint.
    /// </summary>
    public static string RequireAxe()
    {
        var path = Path.Combine(ProjectDirectory, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            var message = $"axe-core not found at {path}: run `npm ci --prefix tests/CustOrder.BrowserTests`.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
            Assert.Skip(message);
        }

        return path;
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustOrder.BrowserTests.csproj")))
            {
                return dir.FullName;
            }
        }

        // Run from elsewhere (a published test assembly): keep output next to it.
        return AppContext.BaseDirectory;
    }
}
