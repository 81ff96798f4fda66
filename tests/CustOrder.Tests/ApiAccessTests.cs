using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Who may call the API: a valid bearer token with the scope the method needs, and nothing else.</summary>
public sealed class ApiAccessTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    private readonly OAuthFlow _flow = new(app);

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/items")]
    [InlineData("/api/v1/orders")]
    public async Task No_token_is_401_with_a_bearer_challenge(string url)
    {
        var response = await app.CreateClient().FetchAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_forged_token_is_401_invalid_token()
    {
        var response = await _flow.ApiClient("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl").FetchAsync("/api/v1/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_401_only_the_authorization_header_counts()
    {
        // RFC 6750 §5.3: a token in a URL lands in access logs, histories and Referer headers.
        var token = await app.Clients.UncachedMachineTokenAsync(["customers:read"]);

        var response = await app.CreateClient().FetchAsync($"/api/v1/customers?access_token={token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var token = await app.Clients.UncachedMachineTokenAsync(["customers:read"]);
        var client = _flow.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/api/v1/customers")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(61));

        var response = await client.FetchAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_token_may_read_but_a_write_is_403_insufficient_scope()
    {
        var client = app.CreateApiClient("customers:read");

        var read = await client.FetchAsync("/api/v1/customers");
        var write = await client.PostJsonAsync("/api/v1/customers", new { first_name = "A", last_name = "B", phone_number = "+254712345678" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var challenge = write.Headers.WwwAuthenticate.ToString();
        Assert.Contains("insufficient_scope", challenge, StringComparison.Ordinal);
        Assert.Contains("customers:write", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_for_one_resource_cannot_read_another()
    {
        var response = await app.CreateApiClient("items:read").FetchAsync("/api/v1/orders");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_cannot_obtain_write_scopes()
    {
        var viewer = await _flow.CreateUserAsync("viewer");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);

        var tokens = await _flow.TokensAsync(viewer, clientId, "openid customers:read customers:write");

        Assert.Contains("customers:read", tokens.Scope, StringComparison.Ordinal);
        Assert.DoesNotContain("customers:write", tokens.Scope, StringComparison.Ordinal);
        var write = await _flow.ApiClient(tokens.AccessToken).PostJsonAsync("/api/v1/customers", new { first_name = "A", last_name = "B", phone_number = "+254712345678" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task An_authorization_code_expires_after_five_minutes()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var (code, verifier) = await OAuthFlow.CodeAsync(new BrowserSession(app), username, clientId, "openid");

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await _flow.ExchangeAsync(clientId, code, verifier);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_for_the_right_password()
    {
        var username = await _flow.CreateUserAsync("staff");
        var browser = new BrowserSession(app);
        for (var n = 0; n < 5; n++)
        {
            var failed = await browser.SubmitFormAsync("/accounts/login/", new() { ["Username"] = username, ["Password"] = "wrong password" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await browser.SubmitFormAsync("/accounts/login/", new() { ["Username"] = username, ["Password"] = OAuthFlow.Password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // Still signed out: the right password did not open a locked account.
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
    }

    [Fact]
    public async Task The_api_index_and_discovery_stay_public()
    {
        var anonymous = app.CreateClient();

        var index = await anonymous.FetchAsync("/api");
        var discovery = await (await anonymous.FetchAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        var aliased = await anonymous.FetchAsync("/o/.well-known/openid-configuration/");

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliased.StatusCode);
        Assert.EndsWith("/o/token/", discovery.Str("token_endpoint"), StringComparison.Ordinal);
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("password", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.DoesNotContain("implicit", discovery.GetProperty("grant_types_supported").EnumerateArray().Select(m => m.GetString()));
    }
}
