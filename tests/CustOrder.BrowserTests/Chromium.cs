using Microsoft.Playwright;

namespace CustOrder.BrowserTests;

/// <summary>
/// Debian's Chromium, driven by Playwright. Playwright's own browser download does not work on our
/// machines, so the system browser is launched by path and nothing is ever installed by Playwright.
/// </summary>
internal static class Chromium
{
    public const string PathVariable = "CUSTORDER_CHROMIUM";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>
    /// The browser's path. Without a browser the test fails on CI (CI=true), so a CI run never passes
    /// by quietly skipping it; on a developer's machine it is skipped with a hint how to install it.
    /// </summary>
    public static string Require()
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
        {
            var message = $"Chromium not found at {path}: install it (apt-get install -y chromium) or set {PathVariable} to its path.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
            Assert.Skip(message);
        }

        return path;
    }

    /// <summary>Headless, no sandbox (we run as root), and no traffic of the browser's own (updates, sync, QUIC).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions(string path) => new()
    {
        ExecutablePath = path,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    };
}
