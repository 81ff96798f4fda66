using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>
/// The allowed origins are held in memory: an application registered through another instance is
/// not seen at once (no query per request), but within the refresh interval.
/// </summary>
public sealed class CorsAcrossInstancesTests(ClockedApiFactory first) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task An_origin_registered_on_another_instance_is_allowed_here_after_the_refresh_interval()
    {
        await using var second = new SecondInstance(first);
        await second.InitializeAsync();
        var origin = $"https://{Shop.Unique("other")}.example";
        Assert.Null(await AllowedOriginAsync(origin));

        await second.Clients.RegisterAsync(new ClientRegistration(
            "Registered elsewhere", Confidential: false, GrantKind.AuthorizationCode, [OAuthFlow.RedirectUri], [], [], SkipAuthorization: false,
            AllowedOrigins: [origin]));
        var beforeRefresh = await AllowedOriginAsync(origin);
        first.Clock.Advance(RegisteredOrigins.RefreshInterval);
        var afterRefresh = await AllowedOriginAsync(origin);

        Assert.Null(beforeRefresh);
        Assert.Equal(origin, afterRefresh);
    }

    private async Task<string?> AllowedOriginAsync(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/items");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var client = first.CreateClient();
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
