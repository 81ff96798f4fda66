using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>The login and logout pages, and what every page sends along.</summary>
public sealed class LoginPageTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task The_admin_login_path_leads_to_the_login_page_keeping_next()
    {
        var response = await new BrowserSession(app).Http.GetAsync("/admin/login/?next=/o/applications/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/accounts/login/?ReturnUrl=%2Fo%2Fapplications%2F", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await new BrowserSession(app).Http.GetAsync("/accounts/login/", TestContext.Current.CancellationToken);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_is_served_outside_development_to_browsers_that_accept_gzip()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        var response = await new BrowserSession(app).Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_login_form_without_its_antiforgery_token_is_refused()
    {
        var username = await _flow.CreateUserAsync("staff");
        var browser = new BrowserSession(app);

        var response = await browser.Http.PostAsync("/accounts/login/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = OAuthFlow.Password,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_never_redirects_off_site()
    {
        var username = await _flow.CreateUserAsync("staff");
        var browser = new BrowserSession(app);

        var response = await browser.SubmitFormAsync("/accounts/login/?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["Username"] = username, ["Password"] = OAuthFlow.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var username = await _flow.CreateUserAsync("staff");
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);

        var logout = await browser.SubmitFormAsync("/accounts/logout/", []);
        var clientId = await _flow.CreatePublicClientAsync(skipAuthorization: true);
        var authorize = await browser.Http.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/o/authorize/",
            OAuthFlow.AuthorizeParameters(clientId, OAuthFlow.Pkce().Challenge, "openid")!), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/accounts/login/", authorize.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_call_with_a_token_costs_no_database_query_for_the_token()
    {
        var client = app.CreateApiClient("items:read");
        await client.FetchAsync("/api"); // the token is fetched here, outside the count

        app.SqlCommands.Reset();
        var response = await client.FetchAsync($"/api/v1/items/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, app.SqlCommands.Count); // the item lookup only
    }
}
