using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>The authorization code flow with PKCE, end to end: a person logs in and consents, a client exchanges, refreshes and revokes.</summary>
public sealed class OAuthFlowTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task Login_consent_code_tokens_api_userinfo_refresh_and_revoke()
    {
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync();
        var browser = new BrowserSession(app);

        // Anonymous: the authorize endpoint sends the person to log in first.
        var (_, challenge) = OAuthFlow.Pkce();
        var first = await browser.Http.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/o/authorize/",
            OAuthFlow.AuthorizeParameters(clientId, challenge, "openid")!), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/accounts/login/", first.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var (code, verifier) = await OAuthFlow.CodeAsync(browser, username, clientId, "openid profile email offline_access customers:read customers:write");
        var tokens = TokenSet.From(await (await _flow.ExchangeAsync(clientId, code, verifier)).ReadJsonAsync());

        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
        Assert.Contains("customers:write", tokens.Scope, StringComparison.Ordinal);
        var api = _flow.ApiClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.FetchAsync("/api/v1/customers")).StatusCode);

        var userInfo = await (await api.FetchAsync("/o/userinfo/")).ReadJsonAsync();
        Assert.Equal(username, userInfo.Str("preferred_username"));
        Assert.Equal($"{username}@shop.example", userInfo.Str("email"));

        var refreshed = TokenSet.From(await (await _flow.RefreshAsync(clientId, tokens.RefreshToken!)).ReadJsonAsync());
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await _flow.ApiClient(refreshed.AccessToken).FetchAsync("/api/v1/customers")).StatusCode);

        var revoked = await app.Clients.TokenRequestAsync(new()
        {
            ["token"] = refreshed.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = clientId,
        }, "/o/revoke_token/");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var afterRevoke = await (await _flow.RefreshAsync(clientId, refreshed.RefreshToken!)).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", afterRevoke.Str("error"));
    }
}
