using System.Diagnostics;
using System.Net;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustOrder.Tests;

/// <summary>
/// Logs never carry passwords, secrets, tokens, codes or full phone numbers, not even at Debug in
/// every category (ASP.NET Core, OpenIddict, EF Core, HttpClient, the app's own).
/// </summary>
public sealed class LogSecretsTests(VerboseLogApiFactory app) : IClassFixture<VerboseLogApiFactory>
{
    private const string Phone = "+254711223344";

    [Fact]
    public async Task A_full_flow_logged_at_debug_leaks_no_secret_token_code_password_or_phone_number()
    {
        var secrets = new Dictionary<string, string>
        {
            ["password"] = OAuthFlow.Password,
            ["machine client secret"] = app.Clients.MachineClientSecret,
            ["Africa's Talking API key"] = SmsApiFactory.ApiKey,
            ["delivery report token"] = SmsApiFactory.DeliveryToken,
            ["phone number"] = Phone,
            ["phone number without +"] = Phone[1..],
            ["national phone number"] = "0" + Phone[4..],
        };
        var flow = new OAuthFlow(app);

        // A person logs in with a password, consents, and the client exchanges the code, then refreshes.
        var username = await flow.CreateUserAsync("staff");
        var clientId = await flow.CreatePublicClientAsync();
        var browser = new BrowserSession(app);
        var (code, verifier) = await OAuthFlow.CodeAsync(browser, username, clientId, "openid profile offline_access customers:read customers:write orders:read");
        secrets["authorization code"] = code;
        secrets["code verifier"] = verifier;
        var tokens = TokenSet.From(await (await flow.ExchangeAsync(clientId, code, verifier)).ReadJsonAsync());
        AddToken(secrets, "access token", tokens.AccessToken);
        AddToken(secrets, "refresh token", tokens.RefreshToken!);
        AddToken(secrets, "id token", tokens.IdToken!);
        var refreshed = TokenSet.From(await (await flow.RefreshAsync(clientId, tokens.RefreshToken!)).ReadJsonAsync());
        AddToken(secrets, "refreshed access token", refreshed.AccessToken);
        AddToken(secrets, "rotated refresh token", refreshed.RefreshToken!);
        foreach (var cookie in browser.Cookies().Split("; ").Select(c => c.Split('=', 2)).Where(c => c[1].Length >= 16))
        {
            secrets[$"cookie {cookie[0]}"] = cookie[1];
        }

        var person = flow.ApiClient(refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await person.FetchAsync("/api/v1/customers?search=Wanjiru")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.FetchAsync("/o/userinfo/")).StatusCode);

        // A machine client with a secret of its own, through client credentials.
        var (machineId, machineSecret) = await app.Clients.RegisterAsync(new ClientRegistration(
            "Back office", Confidential: true, GrantKind.ClientCredentials, [], [], Scopes.Api, SkipAuthorization: false));
        secrets["client secret"] = machineSecret!;
        var machineToken = (await (await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = machineId,
            ["client_secret"] = machineSecret!,
            ["scope"] = "customers:write items:write orders:write orders:read",
        })).ReadJsonAsync()).Str("access_token");
        AddToken(secrets, "client credentials token", machineToken);

        // An order whose SMS goes out through the provider, and the provider's delivery report with its token.
        var machine = flow.ApiClient(machineToken);
        var shop = new Shop(machine);
        var order = await shop.OrderAsync(await shop.CustomerAsync(lastName: "Wanjiru", phone: Phone), await shop.ItemAsync());
        var messageId = await ProviderMessageIdAsync(machine, order.Str("id"));
        var report = await app.CreateClient().PostAsync($"/webhooks/africastalking/delivery?token={SmsApiFactory.DeliveryToken}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = messageId, ["status"] = "Success" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var wrongToken = await app.CreateClient().PostAsync("/webhooks/africastalking/delivery?token=guessed-token-123456",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = messageId, ["status"] = "Success" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        secrets["guessed webhook token"] = "guessed-token-123456";

        var logs = app.Logs.Entries.ToList();
        var leaks = secrets.SelectMany(secret => logs.Where(log => log.Text.Contains(secret.Value, StringComparison.Ordinal))
            .Select(log => $"{secret.Key} in [{log.Category}] {log.Text}")).ToList();

        Assert.True(leaks.Count == 0, string.Join("\n\n", leaks.Take(5)));
        // The capture really saw the verbose categories, and the request lines name paths without their queries.
        Assert.Contains(logs, log => log.Category.StartsWith("OpenIddict", StringComparison.Ordinal) && log.Level == LogLevel.Debug);
        Assert.Contains(logs, log => log.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && log.Level == LogLevel.Debug);
        Assert.Contains(logs, log => log.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(logs, log => log.Category == "CustOrder.Requests" && log.Text.Contains("POST /webhooks/africastalking/delivery answered 200", StringComparison.Ordinal));
        Assert.Contains(logs, log => log.Text.Contains("+2547*****344", StringComparison.Ordinal));
    }

    /// <summary>A token, and its last part on its own (a JWT's signature): a log must hold neither.</summary>
    private static void AddToken(Dictionary<string, string> secrets, string name, string token)
    {
        secrets[name] = token;
        secrets[name + " (last part)"] = token.Split('.')[^1];
    }

    /// <summary>The provider's message id once the dispatcher has sent the order's SMS (within 5 s).</summary>
    private static async Task<string> ProviderMessageIdAsync(HttpClient client, string orderId)
    {
        var clock = Stopwatch.StartNew();
        string? id = null;
        while (id is null && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            var rows = await (await client.FetchAsync($"/api/v1/orders/{orderId}/notifications")).ReadJsonAsync();
            id = rows.GetArrayLength() > 0 && rows[0].Str("status") == "sent" ? rows[0].GetProperty("provider_message_id").GetString() : null;
        }

        Assert.NotNull(id);
        return id;
    }
}

/// <summary>The app sending SMS through the fake provider, logging at Debug in every category into a <see cref="LogCapture"/>.</summary>
public sealed class VerboseLogApiFactory : SmsApiFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "OpenIddict", "System.Net.Http" })
        {
            builder.UseSetting($"Logging:LogLevel:{category}", "Debug");
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            // SQL text too, which the app otherwise keeps at Warning whatever the configuration says.
            services.Configure<LoggerFilterOptions>(options => options.Rules.Add(
                new LoggerFilterRule(null, "Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Debug, null)));
        });
    }
}
