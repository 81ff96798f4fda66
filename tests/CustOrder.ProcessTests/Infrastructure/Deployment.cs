using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CustOrder.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>
/// A Production deployment of the built app, as an operator runs it: its own test database (PostgreSQL
/// with CUSTORDER_TEST_POSTGRES, else SQLite), token certificates as PFX files, the Africa's Talking
/// gateway pointed at a fake provider in this test process, <c>migrate</c> run once, then instances
/// started as separate processes. Admin commands run through the same executable.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    public const string ClientId = "process-test-client";
    public const string Password = "a long test passphrase";

    /// <summary>
    /// The one name clients use for the service, as behind a load balancer: the token issuer is taken from it,
    /// so instances reached on different ports under their own names would each be a different issuer.
    /// </summary>
    public const string PublicHost = "custorder.test";

    private readonly string _keys = Directory.CreateTempSubdirectory("custorder-process-keys-").FullName;
    private readonly System.Collections.Concurrent.ConcurrentQueue<AppProcess> _instances = new();

    private Deployment(TestDatabase database, FakeAfricasTalking provider)
    {
        Database = database;
        Provider = provider;
        WriteCertificate("signing.pfx", X509KeyUsageFlags.DigitalSignature);
        WriteCertificate("encryption.pfx", X509KeyUsageFlags.KeyEncipherment);
    }

    public TestDatabase Database { get; }

    public FakeAfricasTalking Provider { get; }

    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Settings beyond the defaults, as environment variables (the container's way).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>A migrated database with the test's machine client registered.</summary>
    public static async Task<Deployment> CreateAsync(CancellationToken cancellationToken)
    {
        var deployment = new Deployment(TestDatabase.Create(), await FakeAfricasTalking.StartAsync());
        await deployment.RunAsync(cancellationToken, "migrate");
        await deployment.RunAsync(cancellationToken, "createapplication", "confidential", "client-credentials",
            "--name", "Process tests", "--client-id", ClientId, "--client-secret", deployment.ClientSecret);
        return deployment;
    }

    /// <summary>Runs an admin command to completion; fails the test when it does not exit with 0.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = StartInfo(args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{args[0]} exited with {process.ExitCode}: {await output}{await errors}");
        return await output;
    }

    public async Task<AppProcess> StartInstanceAsync(CancellationToken cancellationToken)
    {
        var instance = await AppProcess.StartAsync(StartInfo([]), cancellationToken);
        _instances.Enqueue(instance);
        return instance;
    }

    /// <summary>A client-credentials token with every API scope, from the given instance's token endpoint.</summary>
    public async Task<string> MachineTokenAsync(Uri instance, CancellationToken cancellationToken)
    {
        using var http = Client(instance);
        using var response = await http.PostAsync(new Uri("o/token/", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["scope"] = "customers:read customers:write items:read items:write orders:read orders:write",
        }), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Token request: {(int)response.StatusCode} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HTTP client for one instance that names the service as its clients do (<see cref="PublicHost"/>).</summary>
    public static HttpClient Client(Uri instance, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler);
        http.BaseAddress = instance;
        http.Timeout = TimeSpan.FromSeconds(30);
        http.DefaultRequestHeaders.Host = PublicHost;
        return http;
    }

    /// <summary>Runs a query on the deployment's database directly, for what the API does not show (rows per order).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using DbConnection connection = Database.Provider == "Postgres"
            ? new NpgsqlConnection(Database.ConnectionString)
            : new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Provider.DisposeAsync();
        await Database.DropAsync();
        Directory.Delete(_keys, recursive: true);
    }

    private ProcessStartInfo StartInfo(string[] args)
    {
        var dll = ApiBuild.Dll;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS" })
        {
            start.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            [Database.ConnectionStringKey.Replace(":", "__", StringComparison.Ordinal)] = Database.ConnectionString,
            ["Auth__Signing__Path"] = Path.Combine(_keys, "signing.pfx"),
            ["Auth__Encryption__Path"] = Path.Combine(_keys, "encryption.pfx"),
            // Plain HTTP on loopback; TLS is the proxy's job in a real deployment.
            ["Auth__RequireHttps"] = "false",
            ["Sms__Provider"] = "AfricasTalking",
            ["Sms__AfricasTalking__Username"] = "sandbox",
            ["Sms__AfricasTalking__ApiKey"] = "process-test-key",
            ["Sms__AfricasTalking__BaseUrl"] = Provider.BaseUrl,
            ["Sms__PollInterval"] = "00:00:00.100",
            ["Logging__LogLevel__Default"] = "Warning",
            // Workstation GC: several instances and the test share a small machine.
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in environment.Concat(Settings))
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void WriteCertificate(string file, X509KeyUsageFlags usage)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=CustOrder process test {usage}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(Path.Combine(_keys, file), certificate.Export(X509ContentType.Pfx));
    }
}

/// <summary>Where the app's own build output is: src/CustOrder.Api/bin/&lt;Configuration&gt;/net10.0, next to this test's.</summary>
public static class ApiBuild
{
    public static string Dll { get; } = Find();

    private static string Find()
    {
        // This assembly runs from tests/CustOrder.ProcessTests/bin/<Configuration>/<tfm>/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CustOrder.slnx")))
        {
            root = root.Parent;
        }

        Assert.True(root is not null, $"No CustOrder.slnx above {AppContext.BaseDirectory}.");
        var dll = Path.Combine(root.FullName, "src", "CustOrder.Api", "bin", configuration, framework, "CustOrder.Api.dll");
        Assert.True(File.Exists(dll), $"The app is not built at {dll}.");
        return dll;
    }
}
