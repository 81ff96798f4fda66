using CustOrder.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// The app over an in-memory server, with a fresh database of its own (see <see cref="TestDatabase"/>)
/// migrated at start-up exactly as production's <c>Database:MigrateOnStart</c> does it.
/// One instance per test class (IClassFixture), so classes never see each other's data.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ApiFactory()
        : this(TestDatabase.Create())
    {
    }

    /// <summary>An app on a given database: two factories on one database are two instances of one deployment.</summary>
    protected ApiFactory(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    /// <summary>Whether disposing this instance drops the database (the first instance of a pair owns it).</summary>
    protected bool OwnsDatabase => !IsSecondInstance;

    protected virtual bool IsSecondInstance => false;

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public SqlCommandCounter SqlCommands { get; } = new();

    public BeforeDeleteHook BeforeDelete { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(Database.ConnectionStringKey, Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Auth:DevelopmentKeysPath", Path.Combine(Path.GetTempPath(), "custorder-test-keys"));
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IInterceptor>(sp =>
            {
                SqlCommands.Requests = sp.GetRequiredService<IHttpContextAccessor>();
                return SqlCommands;
            });
            services.AddSingleton<IInterceptor>(BeforeDelete);
            ConfigureTestServices(services);
        });
    }

    public async ValueTask InitializeAsync()
    {
        // Starts the server, which migrates the new database.
        StartServer();
        await Clients.RegisterMachineClientAsync();
    }

    /// <summary>Registered clients and tokens obtained through the real token endpoint.</summary>
    public TestClients Clients => _clients ??= new TestClients(this);

    private TestClients? _clients;

    /// <summary>An HTTP client that sends a bearer token with the given scopes (all API scopes when none are named).</summary>
    public HttpClient CreateApiClient(params string[] scopes) =>
        CreateDefaultClient(new BearerTokenHandler(() => Clients.MachineTokenAsync(scopes)));

    /// <summary>Runs work against the app's own database context, for set-up or checks the API does not expose.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase)
        {
            await Database.DropAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The same app on a real Kestrel server on a loopback port, for what the in-memory server does not do (body limits, framing).</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);

    /// <summary>Where the server listens (its port is chosen at start), for clients other than this factory's: a browser.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}

/// <summary>The app on a clock the test moves, for expiry: codes, access tokens, lockouts.</summary>
public sealed class ClockedApiFactory : ApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>A second instance of the app on the first one's database (and key folder): what a load balancer's second node is.</summary>
public sealed class SecondInstance(ApiFactory first) : ApiFactory(first.Database)
{
    protected override bool IsSecondInstance => true;
}

/// <summary>
/// The app sending SMS through Africa's Talking's API, pointed at a fake provider on loopback, with
/// retries fast enough for tests.
/// </summary>
public class SmsApiFactory : ApiFactory
{
    public const string ApiKey = "test-api-key";
    public const string DeliveryToken = "delivery-report-secret";

    public SmsApiFactory()
    {
    }

    protected SmsApiFactory(TestDatabase database, FakeAfricasTalking provider)
        : base(database) => _provider = provider;

    private FakeAfricasTalking? _provider;

    public FakeAfricasTalking Provider => _provider ??= FakeAfricasTalking.StartAsync().GetAwaiter().GetResult();

    /// <summary>Where the gateway sends; by default the fake provider.</summary>
    public string? ProviderUrl { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:Provider", "AfricasTalking");
        builder.UseSetting("Sms:AfricasTalking:Username", "sandbox");
        builder.UseSetting("Sms:AfricasTalking:ApiKey", ApiKey);
        builder.UseSetting("Sms:AfricasTalking:BaseUrl", ProviderUrl ?? Provider.BaseUrl);
        builder.UseSetting("Sms:AfricasTalking:Timeout", "00:00:01");
        builder.UseSetting("Sms:AfricasTalking:DeliveryReportToken", DeliveryToken);
        builder.UseSetting("Sms:FirstRetryDelay", "00:00:00.100");
        builder.UseSetting("Sms:MaxRetryDelay", "00:00:00.200");
        builder.UseSetting("Sms:PollInterval", "00:00:00.050");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsDatabase && _provider is not null)
        {
            await _provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Another instance on a database and fake provider that someone else owns (and drops).</summary>
public sealed class SmsInstance(TestDatabase database, FakeAfricasTalking provider, bool dispatcher = true) : SmsApiFactory(database, provider)
{
    protected override bool IsSecondInstance => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:DispatcherEnabled", dispatcher ? "true" : "false");
    }
}
