using System.Net;
using CustOrder.Api.Cli;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace CustOrder.Tests;

/// <summary>Everything the authorization server must refuse, each with its OAuth error and never a 5xx.</summary>
public sealed class OAuthRefusalTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly OAuthFlow _flow = new(app);

    private async Task<(BrowserSession Browser, string ClientId)> LoggedInAsync()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);
        return (browser, clientId);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Expected a 4xx, got {(int)response.StatusCode}");
        return (await response.ReadJsonAsync(response.StatusCode)).Str("error");
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_invalid_grant()
    {
        var (browser, clientId) = await LoggedInAsync();
        var (_, challenge) = OAuthFlow.Pkce();
        var code = BrowserSession.Query(await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, challenge, "openid")))["code"];

        var response = await _flow.ExchangeAsync(clientId, code, OAuthFlow.Pkce().Verifier);

        Assert.Equal("invalid_grant", await ErrorAsync(response));
    }

    [Theory]
    [InlineData(42, "")]
    [InlineData(129, "")]
    [InlineData(43, "+")]
    [InlineData(43, "/")]
    public async Task A_malformed_code_verifier_is_refused_even_when_it_matches_the_challenge(int length, string odd)
    {
        var (browser, clientId) = await LoggedInAsync();
        var verifier = odd + new string('a', length - odd.Length);
        var challenge = ApplicationCommands.CodeChallenge(verifier);
        var code = BrowserSession.Query(await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, challenge, "openid")))["code"];

        var response = await _flow.ExchangeAsync(clientId, code, verifier);

        Assert.Contains(await ErrorAsync(response), (string[])["invalid_request", "invalid_grant"]);
    }

    [Theory]
    [InlineData("challenge-padded", "S256")]
    [InlineData("missing", "S256")]
    [InlineData("valid", "plain")]
    [InlineData("valid", "")]
    public async Task Authorize_refuses_a_challenge_that_is_not_s256_or_malformed(string challengeKind, string method)
    {
        var (browser, clientId) = await LoggedInAsync();
        var parameters = OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid");
        switch (challengeKind)
        {
            case "challenge-padded":
                parameters["code_challenge"] += "=";
                break;
            case "missing":
                parameters.Remove("code_challenge");
                break;
        }

        if (method.Length == 0)
        {
            parameters.Remove("code_challenge_method");
        }
        else
        {
            parameters["code_challenge_method"] = method;
        }

        var redirect = await browser.AuthorizeAsync(parameters);

        Assert.StartsWith(OAuthFlow.RedirectUri, redirect.ToString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", BrowserSession.Query(redirect)["error"]);
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_and_revokes_what_its_first_use_gave()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var (code, verifier) = await OAuthFlow.CodeAsync(new BrowserSession(app), username, clientId, "openid offline_access customers:read");
        var first = TokenSet.From(await (await _flow.ExchangeAsync(clientId, code, verifier)).ReadJsonAsync());

        var second = await _flow.ExchangeAsync(clientId, code, verifier);

        Assert.Equal("invalid_grant", await ErrorAsync(second));
        Assert.Equal("invalid_grant", await ErrorAsync(await _flow.RefreshAsync(clientId, first.RefreshToken!)));
        var introspection = await (await app.Clients.TokenRequestAsync(new()
        {
            ["token"] = first.AccessToken,
            ["client_id"] = TestClients.MachineClientId,
            ["client_secret"] = app.Clients.MachineClientSecret,
        }, "/o/introspect/")).ReadJsonAsync();
        Assert.False(introspection.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("https://client.example/callback/")]
    [InlineData("https://CLIENT.example/callback")]
    [InlineData("https://client.example/callback?x=1")]
    [InlineData("https://evil.example/callback")]
    public async Task A_redirect_uri_that_does_not_match_exactly_shows_an_error_page_and_never_redirects(string redirectUri)
    {
        var (browser, clientId) = await LoggedInAsync();
        var url = QueryHelpers.AddQueryString("/o/authorize/", OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid", redirectUri)!);

        var response = await browser.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_client_shows_an_error_page_and_never_redirects()
    {
        var (browser, _) = await LoggedInAsync();
        var url = QueryHelpers.AddQueryString("/o/authorize/", OAuthFlow.AuthorizeParameters("no-such-client", OAuthFlow.Pkce().Challenge, "openid")!);

        var response = await browser.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task An_unreadable_token_request_form_is_a_400_not_a_500()
    {
        var fields = Enumerable.Range(0, 1100).Select(n => KeyValuePair.Create($"f{n}", "x"))
            .Append(KeyValuePair.Create("grant_type", "client_credentials"));

        var tooMany = await app.Clients.TokenRequestAsync(fields.ToDictionary());
        using var client = app.CreateDefaultClient();
        var badCharacter = await client.PostAsync("/o/token/", new StringContent("grant_type=client_credentials%00&client_id=%ZZ",
            System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.True((int)badCharacter.StatusCode is >= 400 and < 500, $"{(int)badCharacter.StatusCode}");
    }

    [Fact]
    public async Task The_form_post_response_mode_is_not_offered()
    {
        var (browser, clientId) = await LoggedInAsync();
        var parameters = OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid");
        parameters["response_mode"] = "form_post";

        var response = await browser.Http.GetAsync(QueryHelpers.AddQueryString("/o/authorize/", parameters!), TestContext.Current.CancellationToken);
        var discovery = await (await app.CreateClient().FetchAsync("/.well-known/openid-configuration")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("form_post", discovery.GetProperty("response_modes_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task A_repeated_state_is_refused_not_dropped()
    {
        var (browser, clientId) = await LoggedInAsync();
        var url = QueryHelpers.AddQueryString("/o/authorize/", OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid")!) + "&state=second";

        var response = await browser.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect);
        if (response.Headers.Location is { } location)
        {
            Assert.Equal("invalid_request", BrowserSession.Query(location)["error"]);
        }
    }

    [Fact]
    public async Task A_logout_request_to_an_unregistered_uri_shows_the_error_and_does_not_log_out()
    {
        var (browser, _) = await LoggedInAsync();

        var response = await browser.Http.GetAsync("/o/logout/?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("invalid_request", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_redirect_uri_may_use_any_port()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true, redirectUri: "http://127.0.0.1/callback");
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);

        var redirect = await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid", "http://127.0.0.1:51234/callback"));

        Assert.StartsWith("http://127.0.0.1:51234/callback?", redirect.ToString(), StringComparison.Ordinal);
        Assert.True(BrowserSession.Query(redirect).ContainsKey("code"));
    }

    [Fact]
    public async Task Unknown_clients_and_wrong_secrets_are_invalid_client()
    {
        var unknown = await app.Clients.TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "x" });
        var wrongSecret = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestClients.MachineClientId,
            ["client_secret"] = app.Clients.MachineClientSecret + "x",
        });

        Assert.Equal("invalid_client", await ErrorAsync(unknown));
        Assert.Equal("invalid_client", await ErrorAsync(wrongSecret));
    }

    [Fact]
    public async Task A_scope_the_client_was_not_registered_with_is_refused()
    {
        var (clientId, secret) = await app.Clients.RegisterAsync(new Api.Auth.ClientRegistration(
            "Reporting job", Confidential: true, Api.Auth.GrantKind.ClientCredentials, [], [], ["orders:read"], SkipAuthorization: false));

        var response = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret!,
            ["scope"] = "orders:read orders:write",
        });

        Assert.Equal("invalid_scope", await ErrorAsync(response));
    }

    [Fact]
    public async Task A_refresh_token_used_twice_is_refused()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var tokens = await _flow.TokensAsync(username, clientId, "openid offline_access");
        (await _flow.RefreshAsync(clientId, tokens.RefreshToken!)).EnsureSuccessStatusCode();

        var reuse = await _flow.RefreshAsync(clientId, tokens.RefreshToken!);

        Assert.Equal("invalid_grant", await ErrorAsync(reuse));
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_token_give_one_success_and_no_5xx()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var tokens = await _flow.TokensAsync(username, clientId, "openid offline_access");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _flow.RefreshAsync(clientId, tokens.RefreshToken!)));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{(int)r.StatusCode}"));
        Assert.Equal(1, responses.Count(r => r.IsSuccessStatusCode));
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync();
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);

        var redirect = await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid"), decision: "deny");

        Assert.Equal("access_denied", BrowserSession.Query(redirect)["error"]);
    }

    [Fact]
    public async Task Consent_is_remembered_for_the_same_client_and_scopes()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync();
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);
        await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid items:read"));

        var again = await browser.Http.GetAsync(QueryHelpers.AddQueryString("/o/authorize/",
            OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid items:read")!), TestContext.Current.CancellationToken);
        var more = await browser.Http.GetAsync(QueryHelpers.AddQueryString("/o/authorize/",
            OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid items:read items:write")!), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        Assert.Contains("Add, change and delete items", await more.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
