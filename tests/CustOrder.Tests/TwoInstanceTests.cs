using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Two app instances on one database behave as one: tokens and login cookies from either work on both.</summary>
public sealed class TwoInstanceTests(ApiFactory first) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_token_and_a_login_cookie_from_one_instance_work_on_the_other()
    {
        await using var second = new SecondInstance(first);
        await second.InitializeAsync();
        var flow = new OAuthFlow(first);
        var username = await flow.CreateUserAsync("staff");
        var clientId = await flow.CreatePublicClientAsync(skipAuthorization: true);

        // Log in on the first instance, then carry its cookies to the second.
        var onFirst = new BrowserSession(first);
        await onFirst.LogInAsync(username, OAuthFlow.Password);
        var cookies = onFirst.Cookies();
        var onSecond = new BrowserSession(second);
        onSecond.Http.DefaultRequestHeaders.Add("Cookie", cookies);
        var redirect = await onSecond.AuthorizeAsync(OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid"));
        Assert.True(BrowserSession.Query(redirect).ContainsKey("code"), "The second instance did not accept the first one's login cookie.");

        var tokens = await flow.TokensAsync(username, clientId, "openid customers:read");
        var api = second.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.FetchAsync("/api/v1/customers")).StatusCode);
    }
}
