using System.Net;
using CustOrder.Api.Auth;
using CustOrder.Api.Cli;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Users, a PKCE client and the code flow's steps, for tests that act as a person and a client app.</summary>
public sealed class OAuthFlow(ApiFactory app)
{
    public const string RedirectUri = "https://client.example/callback";
    public const string Password = "correct horse battery";

    public async Task<string> CreateUserAsync(string role, string? username = null)
    {
        username ??= Shop.Unique(role);
        await using var scope = app.Services.CreateAsyncScope();
        await UserCommands.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = username, Email = $"{username}@shop.example", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return username;
    }

    public async Task<string> CreatePublicClientAsync(bool skipAuthorization = false, string redirectUri = RedirectUri) =>
        (await app.Clients.RegisterAsync(new ClientRegistration(
            "Shop dashboard", Confidential: false, GrantKind.AuthorizationCode, [redirectUri], [], [], skipAuthorization))).ClientId;

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = ClientRegistration.RandomToken(32);
        return (verifier, ApplicationCommands.CodeChallenge(verifier));
    }

    public static Dictionary<string, string> AuthorizeParameters(string clientId, string challenge, string scope, string redirectUri = RedirectUri) => new()
    {
        ["client_id"] = clientId,
        ["response_type"] = "code",
        ["redirect_uri"] = redirectUri,
        ["scope"] = scope,
        ["state"] = "xyz-state",
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    };

    /// <summary>Logs in, authorizes and consents; returns the code and the verifier that goes with it.</summary>
    public static async Task<(string Code, string Verifier)> CodeAsync(BrowserSession browser, string username, string clientId, string scope)
    {
        await browser.LogInAsync(username, Password);
        var (verifier, challenge) = Pkce();
        var redirect = await browser.AuthorizeAsync(AuthorizeParameters(clientId, challenge, scope));
        var query = BrowserSession.Query(redirect);
        Assert.True(query.ContainsKey("code"), $"No code in {redirect}");
        Assert.Equal("xyz-state", query["state"]);
        return (query["code"], verifier);
    }

    public Task<HttpResponseMessage> ExchangeAsync(string clientId, string code, string verifier, string redirectUri = RedirectUri) =>
        app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri,
        });

    public Task<HttpResponseMessage> RefreshAsync(string clientId, string refreshToken) =>
        app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        });

    public async Task<TokenSet> TokensAsync(string username, string clientId, string scope)
    {
        var browser = new BrowserSession(app);
        var (code, verifier) = await CodeAsync(browser, username, clientId, scope);
        return TokenSet.From(await (await ExchangeAsync(clientId, code, verifier)).ReadJsonAsync(HttpStatusCode.OK));
    }

    public HttpClient ApiClient(string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
