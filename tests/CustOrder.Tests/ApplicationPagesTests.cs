using System.Net;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace CustOrder.Tests;

/// <summary>The application registration pages and the authorized-applications page, driven as a browser drives them.</summary>
public sealed class ApplicationPagesTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private const string Callback = "https://client.example/callback";

    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task Confidential_client_credentials_app_registered_through_the_form_gets_a_token_with_the_secret_shown_once()
    {
        var browser = await LoggedInAsync();
        var response = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Warehouse sync"], ["client_type"] = ["confidential"], ["grant"] = ["client-credentials"],
        });
        var created = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, created);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("shown only this once", created, StringComparison.Ordinal);
        var clientId = BrowserSession.InputValue(created, "client_id")!;
        var secret = BrowserSession.InputValue(created, "client_secret")!;

        var token = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "items:read",
        });
        Assert.False(string.IsNullOrEmpty((await token.ReadJsonAsync(HttpStatusCode.OK)).Str("access_token")));
        Assert.DoesNotContain(secret, await browser.PageAsync($"/o/applications/{clientId}/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_cannot_register_a_client_with_more_scopes_than_a_viewer_holds()
    {
        var browser = await LoggedInAsync("viewer");
        var before = await CountApplicationsAsync();

        var allScopes = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Sneaky sync"], ["client_type"] = ["confidential"], ["grant"] = ["client-credentials"],
        });
        var readOnly = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Reader"], ["client_type"] = ["confidential"], ["grant"] = ["client-credentials"], ["scopes"] = ["customers:read"],
        });

        var html = await allScopes.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, allScopes.StatusCode);
        Assert.Matches("id=\"scopes-error\">[^<]*customers:write", html);
        Assert.Equal(before + 1, await CountApplicationsAsync());
        var created = await readOnly.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var write = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = BrowserSession.InputValue(created, "client_id")!,
            ["client_secret"] = BrowserSession.InputValue(created, "client_secret")!,
            ["scope"] = "customers:write",
        });
        Assert.Equal("invalid_scope", (await write.ReadJsonAsync(HttpStatusCode.BadRequest)).Str("error"));
    }

    [Fact]
    public async Task Only_an_admin_may_let_an_application_skip_the_consent_screen()
    {
        var staff = await LoggedInAsync("staff");
        var admin = await LoggedInAsync("admin");
        Dictionary<string, string[]> fields = new()
        {
            ["name"] = ["No consent"], ["client_type"] = ["public"], ["redirect_uris"] = [Callback], ["skip_authorization"] = ["true"],
        };

        var byStaff = await staff.FillFormAsync("/o/applications/register/", fields);
        var byAdmin = await admin.FillFormAsync("/o/applications/register/", fields);

        Assert.Equal(HttpStatusCode.BadRequest, byStaff.StatusCode);
        Assert.Contains("Only an admin", await byStaff.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Theory]
    [InlineData("http://example.com/cb", "plain http")]
    [InlineData("https://client.example/cb#top", "fragment")]
    public async Task Registering_with_a_bad_redirect_uri_shows_the_error_next_to_the_field_keeps_the_input_and_creates_nothing(string uri, string problem)
    {
        var browser = await LoggedInAsync();
        var before = await CountApplicationsAsync();

        var response = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Badly configured"], ["client_type"] = ["public"], ["redirect_uris"] = [uri],
        });

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches($"id=\"redirect_uris-error\">[^<]*{problem}", html);
        Assert.Contains(uri, BrowserSession.FormFields(html).Single(f => f.Key == "redirect_uris").Value, StringComparison.Ordinal);
        Assert.Contains(KeyValuePair.Create("name", "Badly configured"), BrowserSession.FormFields(html));
        Assert.Contains(KeyValuePair.Create("client_type", "public"), BrowserSession.FormFields(html));
        Assert.Equal(before, await CountApplicationsAsync());
    }

    [Fact]
    public async Task Public_app_is_listed_for_its_owner_and_is_not_found_for_another_staff_user()
    {
        var owner = await LoggedInAsync();
        var clientId = await RegisterPublicAppAsync(owner, "Owner dashboard");
        Assert.Contains(clientId, await owner.PageAsync("/o/applications/"), StringComparison.Ordinal);

        var other = await LoggedInAsync();
        Assert.DoesNotContain(clientId, await other.PageAsync("/o/applications/"), StringComparison.Ordinal);
        foreach (var page in new[] { "", "edit/", "delete/" })
        {
            await other.PageAsync($"/o/applications/{clientId}/{page}", HttpStatusCode.NotFound);
        }

        // With a valid antiforgery token of the other user's own session: still not found, and nothing changes.
        var ownPage = await other.PageAsync("/o/applications/register/");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/o/applications/{clientId}/delete/", ownPage, new())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/o/applications/{clientId}/edit/", ownPage, new()
        {
            ["name"] = "Taken over", ["redirect_uris"] = Callback,
        })).StatusCode);
        Assert.Contains("Owner dashboard", await owner.PageAsync($"/o/applications/{clientId}/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_sees_and_opens_every_users_applications()
    {
        var clientId = await RegisterPublicAppAsync(await LoggedInAsync(), "Staff tool");
        var admin = await LoggedInAsync("admin");

        Assert.Contains(clientId, await admin.PageAsync("/o/applications/"), StringComparison.Ordinal);
        Assert.Contains("Staff tool", await admin.PageAsync($"/o/applications/{clientId}/edit/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_replaces_the_redirect_uri_list_and_refuses_a_bad_one_inline()
    {
        var browser = await LoggedInAsync();
        var clientId = await RegisterPublicAppAsync(browser, "Mobile app");
        var edit = $"/o/applications/{clientId}/edit/";

        var refused = await browser.FillFormAsync(edit, new() { ["redirect_uris"] = ["http://example.com/cb"] });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"redirect_uris-error\"", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var saved = await browser.FillFormAsync(edit, new() { ["redirect_uris"] = ["https://new.example/cb\r\nhttp://127.0.0.1/cb"] });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/o/applications/{clientId}/", saved.Headers.Location!.OriginalString);
        var uris = await WithApplicationsAsync(async applications =>
            await applications.GetRedirectUrisAsync((await applications.FindByClientIdAsync(clientId))!));
        string[] expected = ["http://127.0.0.1/cb", "https://new.example/cb"];
        Assert.Equal(expected, uris.Order(StringComparer.Ordinal));
        var detail = await browser.PageAsync($"/o/applications/{clientId}/");
        Assert.DoesNotContain(Callback, detail, StringComparison.Ordinal);
        Assert.Contains("Mobile app", detail, StringComparison.Ordinal);
        Assert.Contains("orders:write", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_confidential_app_keeps_its_secret_and_owner()
    {
        var browser = await LoggedInAsync();
        var created = await (await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = ["Nightly export"], ["grant"] = ["client-credentials"],
        })).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var clientId = BrowserSession.InputValue(created, "client_id")!;

        var saved = await browser.FillFormAsync($"/o/applications/{clientId}/edit/", new() { ["name"] = ["Hourly export"], ["scopes"] = ["orders:read"] });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Hourly export", await browser.PageAsync($"/o/applications/{clientId}/"), StringComparison.Ordinal);
        var token = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId,
            ["client_secret"] = BrowserSession.InputValue(created, "client_secret")!, ["scope"] = "orders:read",
        });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Deleting_after_confirming_removes_the_application()
    {
        var browser = await LoggedInAsync();
        var clientId = await RegisterPublicAppAsync(browser, "Short-lived app");

        var confirm = await browser.SubmitFormAsync($"/o/applications/{clientId}/delete/", new());

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await browser.PageAsync($"/o/applications/{clientId}/", HttpStatusCode.NotFound);
        Assert.DoesNotContain(clientId, await browser.PageAsync("/o/applications/"), StringComparison.Ordinal);
        Assert.Null(await WithApplicationsAsync(async applications => await applications.FindByClientIdAsync(clientId)));
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_refused()
    {
        var browser = await LoggedInAsync();
        var clientId = await RegisterPublicAppAsync(browser, "Kept app");
        var before = await CountApplicationsAsync();

        var register = await browser.Http.PostAsync("/o/applications/register/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "Forged", ["client_type"] = "confidential", ["grant"] = "client-credentials",
        }), TestContext.Current.CancellationToken);
        var delete = await browser.Http.PostAsync($"/o/applications/{clientId}/delete/", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(before, await CountApplicationsAsync());
    }

    [Theory]
    [InlineData("/o/applications/")]
    [InlineData("/o/applications/register/")]
    [InlineData("/o/authorized-tokens/")]
    public async Task Anonymous_visitor_is_sent_to_log_in_and_back(string page)
    {
        var response = await new BrowserSession(app).Http.GetAsync(page, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/accounts/login/", response.Headers.Location!.AbsolutePath);
        Assert.Equal(page, BrowserSession.Query(response.Headers.Location)["ReturnUrl"]);
    }

    [Fact]
    public async Task Revoking_a_listed_authorization_kills_its_refresh_token_and_asks_for_consent_again()
    {
        const string scope = "openid offline_access customers:read";
        var username = await _flow.CreateUserAsync("staff");
        var clientId = await _flow.CreatePublicClientAsync();
        var browser = new BrowserSession(app);
        var (code, verifier) = await OAuthFlow.CodeAsync(browser, username, clientId, scope);
        var tokens = TokenSet.From(await (await _flow.ExchangeAsync(clientId, code, verifier)).ReadJsonAsync());

        var listed = await browser.PageAsync("/o/authorized-tokens/");
        Assert.Contains("Shop dashboard", listed, StringComparison.Ordinal);
        Assert.Contains("customers:read", listed, StringComparison.Ordinal);

        // Another user cannot revoke it, even knowing its id.
        var stranger = await LoggedInAsync();
        var strangerPage = await stranger.PageAsync("/o/applications/register/");
        var id = BrowserSession.HiddenInputs(listed)["authorization"];
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync("/o/authorized-tokens/", strangerPage, new() { ["authorization"] = id })).StatusCode);

        var revoked = await browser.PostFormAsync("/o/authorized-tokens/", listed, new());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.DoesNotContain("Shop dashboard", await browser.PageAsync("/o/authorized-tokens/"), StringComparison.Ordinal);
        var refresh = await (await _flow.RefreshAsync(clientId, tokens.RefreshToken!)).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_grant", refresh.Str("error"));
        var (_, challenge) = OAuthFlow.Pkce();
        var again = await browser.PageAsync(QueryHelpers.AddQueryString("/o/authorize/", OAuthFlow.AuthorizeParameters(clientId, challenge, scope)!));
        Assert.Contains("value=\"allow\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_log_out_button_works_from_the_account_pages()
    {
        var browser = await LoggedInAsync();
        var page = await browser.PageAsync("/o/authorized-tokens/");

        var response = await browser.PostFormAsync("/accounts/logout/", page, new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await browser.PageAsync("/o/authorized-tokens/", HttpStatusCode.Redirect);
    }

    private async Task<BrowserSession> LoggedInAsync(string role = "staff")
    {
        var browser = new BrowserSession(app);
        await browser.LogInAsync(await _flow.CreateUserAsync(role), OAuthFlow.Password);
        return browser;
    }

    private static async Task<string> RegisterPublicAppAsync(BrowserSession browser, string name)
    {
        var response = await browser.FillFormAsync("/o/applications/register/", new()
        {
            ["name"] = [name], ["client_type"] = ["public"], ["grant"] = ["authorization-code"], ["redirect_uris"] = [Callback],
        });
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Null(BrowserSession.InputValue(html, "client_secret"));
        return BrowserSession.InputValue(html, "client_id")!;
    }

    private Task<long> CountApplicationsAsync() => WithApplicationsAsync(async applications => await applications.CountAsync());

    private async Task<T> WithApplicationsAsync<T>(Func<IOpenIddictApplicationManager, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>());
    }
}
