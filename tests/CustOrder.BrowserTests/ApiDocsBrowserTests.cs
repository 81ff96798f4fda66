using CustOrder.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustOrder.BrowserTests;

/// <summary>The interactive reference at /docs as a person uses it: authorize through CustOrder's own pages, then send a request.</summary>
public sealed class ApiDocsBrowserTests(KestrelApiFactory app) : IClassFixture<KestrelApiFactory>
{
    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task A_person_authorizes_the_docs_page_through_login_and_consent_and_lists_customers_from_it()
    {
        var chromium = Chromium.Require();
        var username = await _flow.CreateUserAsync("staff");
        var origin = app.Address.GetLeftPart(UriPartial.Authority);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(chromium));
        var context = await browser.NewContextAsync();
        var requested = new List<string>();
        var refusals = new List<string>();
        context.Request += (_, request) => requested.Add(request.Url);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add(message.Text);
            }
        };
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/docs/").ToString());

        // Authorize opens CustOrder's login page in a pop-up, then its consent page; the code comes back to /docs/.
        await page.GetByText("authorizationCode", new() { Exact = true }).First.ClickAsync();
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Authorize", Exact = true }).First.ClickAsync());
        await popup.GetByLabel("Username").FillAsync(username);
        await popup.GetByLabel("Password").FillAsync(OAuthFlow.Password);
        await popup.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(popup.GetByRole(AriaRole.Heading, new() { Name = "Authorize CustOrder API docs?" })).ToBeVisibleAsync();
        await popup.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        // The page reads the code from the pop-up, closes it and exchanges the code for a token.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clear tokens" }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(popup.IsClosed, $"The pop-up is still open, at {popup.Url}.");

        // Send GET /api/v1/customers from the operation's test request.
        await page.GotoAsync(new Uri(app.Address, "/docs/#tag/customers/GET/api/v1/customers").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/v1/customers)" }).ClickAsync();
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send" }).First.ClickAsync(),
            response => response.Url.StartsWith(origin + "/api/v1/customers", StringComparison.Ordinal));
        Assert.StartsWith("Bearer ", await response.Request.HeaderValueAsync("authorization"), StringComparison.Ordinal);
        await Expect(page.GetByText("200 OK").First).ToBeVisibleAsync();
        Assert.Equal(200, response.Status);

        // Everything the page loaded came from the app itself (no CDN, fonts or telemetry), under its CSP.
        Assert.All(requested, url => Assert.True(url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"The docs page loaded {url}."));
        Assert.Empty(refusals);
    }
}
