using System.Net;
using System.Net.Http.Headers;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CustOrder.Tests;

/// <summary>The app with an API limit of a few requests a minute, so one test meets it and the window outlasts the test.</summary>
public sealed class TightApiLimitApiFactory : ApiFactory
{
    public const int ApiPermits = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Api:PermitLimit", ApiPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:Api:Window", "00:01:00");
    }
}

/// <summary>The API is limited per client application (from its token), and per IP only for calls without a valid token.</summary>
public sealed class ApiRateLimitTests(TightApiLimitApiFactory app) : IClassFixture<TightApiLimitApiFactory>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_while_another_client_is_still_served()
    {
        using var busy = await NewClientAsync();
        using var quiet = await NewClientAsync();

        for (var n = 0; n < TightApiLimitApiFactory.ApiPermits; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.FetchAsync("/api/v1/items")).StatusCode);
        }

        var refused = await busy.FetchAsync("/api/v1/items");
        await RateLimitChecks.AssertTooManyRequestsAsync(refused);
        Assert.Equal(HttpStatusCode.OK, (await quiet.FetchAsync("/api/v1/items")).StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_limited_by_address_and_health_is_never_limited()
    {
        using var anonymous = app.CreateClient();
        using var badToken = app.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var refused = await RateLimitChecks.FirstRefusalAsync(() => anonymous.FetchAsync("/api"), TightApiLimitApiFactory.ApiPermits);

        await RateLimitChecks.AssertTooManyRequestsAsync(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await badToken.FetchAsync("/api/v1/items")).StatusCode);
        for (var n = 0; n < TightApiLimitApiFactory.ApiPermits * 2; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.FetchAsync("/health/live")).StatusCode);
        }
    }

    /// <summary>A client-credentials application of its own, with a token from the token endpoint.</summary>
    private async Task<HttpClient> NewClientAsync()
    {
        var secret = ClientRegistration.RandomToken(32);
        var (clientId, _) = await app.Clients.RegisterAsync(new ClientRegistration(
            "Rate-limited sync", Confidential: true, GrantKind.ClientCredentials, [], [], Scopes.Api, SkipAuthorization: false, ClientSecret: secret));
        var response = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "items:read",
        });
        var token = (await response.ReadJsonAsync(HttpStatusCode.OK)).Str("access_token");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
