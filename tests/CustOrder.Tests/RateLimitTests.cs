using System.Net;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CustOrder.Tests;

/// <summary>The app with login and token limits small and short enough to meet and outwait in a test.</summary>
public sealed class TightLoginLimitsApiFactory : ApiFactory
{
    public const int LoginPermits = 2;
    public const int TokenPermits = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Login:PermitLimit", LoginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:Login:Window", "00:00:02");
        builder.UseSetting("RateLimits:Token:PermitLimit", TokenPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:Token:Window", "00:00:02");
    }
}

/// <summary>
/// Login and the token endpoint per client IP: a 429 problem with Retry-After once the window's permits
/// are spent, and service again once it has passed. Windows are two real seconds (the built-in limiters
/// have no clock to move), so each wait is short and bounded.
/// </summary>
public sealed class RateLimitTests(TightLoginLimitsApiFactory app) : IClassFixture<TightLoginLimitsApiFactory>
{
    [Fact]
    public async Task Login_posts_beyond_the_limit_get_429_with_retry_after_and_a_problem_then_recover()
    {
        var browser = new BrowserSession(app);
        var wrong = new Dictionary<string, string> { ["Username"] = Shop.Unique("nobody"), ["Password"] = "not the password" };

        var form = await browser.PageAsync("/accounts/login/");

        var refused = await RateLimitChecks.FirstRefusalAsync(() => browser.PostFormAsync("/accounts/login/", form, wrong), TightLoginLimitsApiFactory.LoginPermits);

        await RateLimitChecks.AssertTooManyRequestsAsync(refused);
        // A wrong password, once served again, is the login page with its error.
        Assert.Equal(HttpStatusCode.OK, await RateLimitChecks.WaitUntilServedAsync(refused, async () => (await browser.SubmitFormAsync("/accounts/login/", wrong)).StatusCode));
    }

    [Fact]
    public async Task Login_page_itself_is_not_limited_only_its_posts()
    {
        var browser = new BrowserSession(app);

        for (var n = 0; n < TightLoginLimitsApiFactory.LoginPermits * 3; n++)
        {
            await browser.PageAsync("/accounts/login/");
        }
    }

    [Fact]
    public async Task Token_requests_beyond_the_limit_get_429_with_retry_after_and_a_problem_then_recover()
    {
        var guess = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = TestClients.MachineClientId, ["client_secret"] = "a guessed secret", ["scope"] = "items:read",
        };

        var refused = await RateLimitChecks.FirstRefusalAsync(() => app.Clients.TokenRequestAsync(guess), TightLoginLimitsApiFactory.TokenPermits);

        await RateLimitChecks.AssertTooManyRequestsAsync(refused);
        var right = new Dictionary<string, string>(guess) { ["client_secret"] = app.Clients.MachineClientSecret };
        Assert.Equal(HttpStatusCode.OK, await RateLimitChecks.WaitUntilServedAsync(refused, async () => (await app.Clients.TokenRequestAsync(right)).StatusCode));
    }

    [Fact]
    public async Task Switched_off_limits_refuse_nothing()
    {
        using var unlimited = app.WithWebHostBuilder(builder => builder.UseSetting("RateLimits:Enabled", "false"));
        using var client = unlimited.CreateClient();
        var guess = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "x" });

        for (var n = 0; n < TightLoginLimitsApiFactory.TokenPermits * 4; n++)
        {
            var response = await client.PostAsync("/o/token/", guess, TestContext.Current.CancellationToken);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }
}
