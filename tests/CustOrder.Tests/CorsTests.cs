using System.Net;
using CustOrder.Api.Auth;
using CustOrder.Api.Cli;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>
/// Browser origins registered on client applications may call the API and the token endpoints; no
/// other origin, and no origin at all on the authorize endpoint or the pages.
/// </summary>
public sealed class CorsTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private const string AllowOrigin = "Access-Control-Allow-Origin";

    [Fact]
    public async Task Api_preflight_and_request_from_a_registered_origin_get_the_cors_headers_without_credentials()
    {
        var origin = await RegisterOriginAsync();
        using var api = app.CreateApiClient("items:read");

        var preflight = await PreflightAsync("/api/v1/items", origin, "GET", "authorization");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items");
        request.Headers.Add("Origin", origin);
        var actual = await api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(origin, Header(preflight, AllowOrigin));
        Assert.Contains("GET", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", Header(preflight, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Equal(origin, Header(actual, AllowOrigin));
        Assert.Contains("Origin", actual.Headers.Vary);
        Assert.Contains("ETag", Header(actual, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_origin_gets_no_cors_headers_but_the_same_answer()
    {
        await RegisterOriginAsync();
        using var api = app.CreateApiClient("items:read");

        var preflight = await PreflightAsync("/api/v1/items", "https://evil.example", "GET", "authorization");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items");
        request.Headers.Add("Origin", "https://evil.example");
        var actual = await api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Null(Header(preflight, AllowOrigin));
        Assert.Null(Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Null(Header(actual, AllowOrigin));
    }

    [Fact]
    public async Task Token_endpoint_answers_a_registered_origin_whichever_client_is_named()
    {
        var origin = await RegisterOriginAsync();

        var preflight = await PreflightAsync("/o/token/", origin, "POST", "content-type");
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = TestClients.MachineClientId,
                ["client_secret"] = app.Clients.MachineClientSecret, ["scope"] = "items:read",
            }),
        };
        request.Headers.Add("Origin", origin);
        using var client = app.CreateClient();
        var token = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(origin, Header(preflight, AllowOrigin));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(origin, Header(token, AllowOrigin));
    }

    [Fact]
    public async Task Authorize_endpoint_and_pages_never_get_cors_headers_even_for_a_registered_origin()
    {
        var origin = await RegisterOriginAsync();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { "/o/authorize/?client_id=x&response_type=code", "/accounts/login/", "/o/applications/", "/health/live" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", origin);
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var preflight = await PreflightAsync(path, origin, "GET", "authorization");

            Assert.True(Header(response, AllowOrigin) is null, $"GET {path} allowed {origin}.");
            Assert.True(Header(preflight, AllowOrigin) is null, $"Preflight of {path} allowed {origin}.");
        }
    }

    [Fact]
    public async Task Origins_given_to_createapplication_are_allowed_at_once_in_their_normal_form()
    {
        var output = new StringWriter();

        await ApplicationCommands.CreateApplicationAsync(app.Services,
            ["public", "authorization-code", "--name", "Shop front", "--redirect-uris", "https://front.example/cb",
             "--allowed-origin", "HTTPS://Front.Example:443", "--allowed-origin", "http://localhost:5173"], output);

        Assert.Equal("https://front.example", Header(await PreflightAsync("/api/v1/items", "https://front.example", "GET", "authorization"), AllowOrigin));
        Assert.Equal("http://localhost:5173", Header(await PreflightAsync("/o/token/", "http://localhost:5173", "POST", "content-type"), AllowOrigin));
    }

    [Theory]
    [InlineData("https://shop.example/app", "no path")]
    [InlineData("https://shop.example/", "no path")]
    [InlineData("*", "wildcard")]
    [InlineData("https://*.shop.example", "wildcard")]
    [InlineData("http://shop.example", "plain http")]
    [InlineData("shop.example", "scheme://host")]
    [InlineData("ftp://shop.example", "scheme://host")]
    public async Task Createapplication_refuses_an_origin_that_is_not_exactly_an_origin(string origin, string explained)
    {
        var refusal = await Assert.ThrowsAsync<CommandException>(() => ApplicationCommands.CreateApplicationAsync(app.Services,
            ["confidential", "client-credentials", "--name", "Bad origin", "--allowed-origin", origin], new StringWriter()));

        Assert.StartsWith("allowed_origins: ", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(explained, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Origins_set_in_the_pages_are_allowed_and_removing_them_stops_it()
    {
        var browser = new BrowserSession(app);
        await browser.LogInAsync(await new OAuthFlow(app).CreateUserAsync("staff"), OAuthFlow.Password);
        var origin = $"https://{Shop.Unique("pages")}.example";

        var refused = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Storefront"], ["client_type"] = ["public"], ["grant"] = ["authorization-code"],
            ["redirect_uris"] = [OAuthFlow.RedirectUri], ["allowed_origins"] = [origin + "/shop"],
        });
        var registered = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Storefront"], ["client_type"] = ["public"], ["grant"] = ["authorization-code"],
            ["redirect_uris"] = [OAuthFlow.RedirectUri], ["allowed_origins"] = [origin],
        });
        var clientId = BrowserSession.InputValue(await registered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "client_id")!;
        var allowedAfterRegistering = Header(await PreflightAsync("/api/v1/items", origin, "GET", "authorization"), AllowOrigin);
        var detail = await browser.PageAsync($"/o/applications/{clientId}/");
        var edited = await browser.FillFormAsync($"/o/applications/{clientId}/edit/", new() { ["allowed_origins"] = [""] });
        var allowedAfterRemoving = Header(await PreflightAsync("/api/v1/items", origin, "GET", "authorization"), AllowOrigin);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Matches("id=\"allowed_origins-error\">[^<]*no path", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(origin, allowedAfterRegistering);
        Assert.Contains(origin, detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Null(allowedAfterRemoving);
    }

    /// <summary>A public browser client listing a fresh origin of its own.</summary>
    private async Task<string> RegisterOriginAsync()
    {
        var origin = $"https://{Shop.Unique("spa")}.example";
        await app.Clients.RegisterAsync(new ClientRegistration(
            "Browser app", Confidential: false, GrantKind.AuthorizationCode, [OAuthFlow.RedirectUri], [], [], SkipAuthorization: false,
            AllowedOrigins: [origin]));
        return origin;
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
