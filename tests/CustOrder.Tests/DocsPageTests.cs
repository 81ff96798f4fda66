using System.Net;
using System.Text.RegularExpressions;
using CustOrder.Api.Auth;
using CustOrder.Api.Docs;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustOrder.Tests;

/// <summary>The interactive reference at /docs: served from the app only, its CSP, and the client it signs in with.</summary>
public sealed partial class DocsPageTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private const string DocsClient = "custorder-docs";

    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task The_docs_page_loads_only_this_origins_scripts_by_nonce_under_a_policy_that_allows_nothing_external()
    {
        var response = await app.CreateClient().GetAsync("/docs/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.All(ScriptTag().Matches(html), script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        // A fresh nonce on every load.
        var again = await app.CreateClient().GetAsync("/docs/", TestContext.Current.CancellationToken);
        Assert.NotEqual(policy, again.Headers.GetValues("Content-Security-Policy").Single());

        var script = await app.CreateClient().GetAsync("/docs/scalar.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/accounts/login/")]
    [InlineData("/openapi/v1.json")]
    public async Task Other_pages_keep_the_strict_policy(string path)
    {
        var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("default-src 'self'; frame-ancestors 'none'; form-action 'self' http: https:; base-uri 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_api_index_links_to_the_docs()
    {
        var response = await app.CreateClient().GetAsync("/api", TestContext.Current.CancellationToken);

        var body = await response.ReadJsonAsync();
        Assert.Equal("http://localhost/docs/", body.Str("docs"));
        Assert.Equal("http://localhost/openapi/v1.json", body.Str("openapi"));
    }

    [Fact]
    public async Task The_docs_client_signs_a_person_in_with_pkce_back_to_the_docs_page_on_the_requests_origin()
    {
        var username = await _flow.CreateUserAsync("viewer");
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);
        var (verifier, challenge) = OAuthFlow.Pkce();
        var redirectUri = "http://localhost/docs/";

        var redirect = await browser.AuthorizeAsync(OAuthFlow.AuthorizeParameters(DocsClient, challenge, Scopes.CustomersRead, redirectUri));

        Assert.StartsWith(redirectUri + "?", redirect.ToString(), StringComparison.Ordinal);
        var code = BrowserSession.Query(redirect)["code"];
        var tokens = TokenSet.From(await (await _flow.ExchangeAsync(DocsClient, code, verifier, redirectUri)).ReadJsonAsync());
        var customers = await _flow.ApiClient(tokens.AccessToken).GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, customers.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/docs/")]
    [InlineData("http://localhost:8080/docs/")]
    [InlineData("https://localhost/docs/")]
    [InlineData("http://localhost/docs")]
    [InlineData("http://localhost/docs/?x=1")]
    [InlineData("http://localhost/o/callback")]
    public async Task The_docs_client_never_redirects_anywhere_but_the_docs_page_of_the_requests_origin(string redirectUri)
    {
        var username = await _flow.CreateUserAsync("viewer");
        var browser = new BrowserSession(app);
        await browser.LogInAsync(username, OAuthFlow.Password);
        var url = QueryHelpers.AddQueryString("/o/authorize/", OAuthFlow.AuthorizeParameters(DocsClient, OAuthFlow.Pkce().Challenge, Scopes.CustomersRead, redirectUri)!);

        var response = await browser.Http.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task The_docs_client_is_registered_once_public_with_pkce_and_the_api_scopes_across_restarts()
    {
        await using var second = new SecondInstance(app);
        _ = second.CreateClient();

        var count = await app.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>(), a => a.ClientId == DocsClient, TestContext.Current.CancellationToken));
        Assert.Equal(1, count);
        var refused = await app.Clients.TokenRequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = DocsClient });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Instances_starting_together_register_the_docs_client_without_failing_to_start()
    {
        // A database of its own: the other tests' authorizations keep the client from being deleted.
        await using var instance = new ApiFactory();
        _ = instance.CreateClient();
        var registrations = instance.Services.GetServices<IHostedService>().OfType<DocsClientRegistration>().ToArray();
        Assert.Single(registrations);

        // As several instances rolled out at once: each brings the same registration up to date,
        // first while it exists, then on a database that has none yet.
        await StartTogetherAsync(registrations[0]);
        await instance.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(
            db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().Where(a => a.ClientId == DocsClient), TestContext.Current.CancellationToken));
        await StartTogetherAsync(registrations[0]);

        var count = await instance.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>(), a => a.ClientId == DocsClient, TestContext.Current.CancellationToken));
        Assert.Equal(1, count);
    }

    private static Task StartTogetherAsync(DocsClientRegistration registration) =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => registration.StartAsync(TestContext.Current.CancellationToken))));

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
