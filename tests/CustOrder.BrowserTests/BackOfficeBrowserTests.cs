using System.Text.RegularExpressions;
using CustOrder.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustOrder.BrowserTests;

/// <summary>The back-office as staff and viewers use it: in Chromium, against the app on real Kestrel, with its CSP.</summary>
public sealed partial class BackOfficeBrowserTests(KestrelApiFactory app) : IClassFixture<KestrelApiFactory>
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly OAuthFlow _flow = new(app);

    [Fact]
    public async Task Staff_create_a_customer_an_item_and_an_order_edit_it_and_cannot_delete_an_ordered_customer()
    {
        var chromium = Chromium.Require();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(chromium));
        var context = await browser.NewContextAsync(new() { ViewportSize = Desktop });
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);
        await SignInAsync(page, await _flow.CreateUserAsync("staff"));
        var lastName = Shop.Unique("Wanjiru");
        var itemName = Shop.Unique("Kitenge");

        // A customer, first with a phone number the API would refuse: the same message, next to the field.
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New customer" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Jane");
        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByLabel("Phone number").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#phone_number-error")).ToHaveTextAsync("Enter a valid phone number, such as +254712345678 or 0712 345 678.");
        await Expect(page.GetByLabel("Phone number")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Phone number").FillAsync("0712 345 678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("The customer was saved.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Jane {lastName}" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page);

        // An item.
        await page.GetByRole(AriaRole.Link, new() { Name = "Items", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New item" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(itemName);
        await page.GetByLabel("Size").SelectOptionAsync("L");
        await page.GetByLabel("Price").FillAsync("19.99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("The item was saved.");

        // An order of 3, whose form is also looked at on a phone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New order" }).ClickAsync();
        await page.GetByLabel("Customer").SelectOptionAsync(new SelectOptionValue { Label = $"{lastName}, Jane (+254712345678)" });
        await page.GetByLabel("Item").SelectOptionAsync(new SelectOptionValue { Label = $"{itemName} (L)" });
        await page.GetByLabel("Quantity").FillAsync("3");
        await page.ScreenshotAsync(new() { Path = TestFiles.Output("order-form-desktop.png"), FullPage = true });
        await ScreenshotAtPhoneWidthAsync(browser, context, page.Url, "order-form-phone.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("The order was saved.");
        await Expect(page.Locator("#order-total")).ToHaveTextAsync("59.97");
        var orderUrl = page.Url;

        // In the list, with its SMS status.
        await page.GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = itemName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".status")).ToHaveTextAsync(SmsStatusText());
        await Axe.AssertNoSeriousViolationsAsync(page);

        // A new quantity: the total follows, at the unit price the order was placed at.
        await page.GotoAsync(orderUrl);
        await page.GetByLabel("Quantity").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("The order was saved.");
        await Expect(page.Locator("#order-total")).ToHaveTextAsync("99.95");

        // The customer has an order: deleting is refused with the API's 409 message.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Jane {lastName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The customer has 1 order(s); delete them first. Nothing was deleted.");

        // The dashboard: its chart drawn by the self-served Chart.js under the CSP, and the same numbers as a table.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.Locator(".chart-fallback")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart(document.querySelector('#revenue-chart canvas')) !== undefined"), "The chart was not drawn.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "99.95" })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = TestFiles.Output("dashboard-desktop.png"), FullPage = true });
        await ScreenshotAtPhoneWidthAsync(browser, context, page.Url, "dashboard-phone.png");
        await Axe.AssertNoSeriousViolationsAsync(page);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task A_viewer_sees_no_edit_buttons_and_a_direct_post_is_refused_with_403()
    {
        var chromium = Chromium.Require();
        var customer = await new Shop(app.CreateApiClient()).CustomerAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(chromium));
        var page = await browser.NewPageAsync();
        await SignInAsync(page, await _flow.CreateUserAsync("viewer"));

        await page.GotoAsync(new Uri(app.Address, "/admin/customers/").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New customer" })).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(app.Address, $"/admin/customers/{customer.Str("id")}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Jane {customer.Str("last_name")}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Delete…" })).ToHaveCountAsync(0);

        // The page's own antiforgery token (from the log-out form) with the viewer's cookie: refused for the role.
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var response = await page.Context.APIRequest.PostAsync(new Uri(app.Address, "/admin/customers/new").ToString(), new()
        {
            Form = Form(page.Context.APIRequest, ("__RequestVerificationToken", token!), ("first_name", "Sneaky"), ("last_name", "Viewer"), ("phone_number", "+254712345678"), ("version", "0")),
            MaxRedirects = 0,
        });
        Assert.Equal(403, response.Status);
    }

    private async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync(new Uri(app.Address, "/admin/").ToString());
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(OAuthFlow.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    /// <summary>The same page at a phone's width, with the same session.</summary>
    private static async Task ScreenshotAtPhoneWidthAsync(IBrowser browser, IBrowserContext signedIn, string url, string name)
    {
        await using var phone = await browser.NewContextAsync(new() { ViewportSize = Phone, StorageState = await signedIn.StorageStateAsync() });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(url);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a phone's screen.");
        await page.ScreenshotAsync(new() { Path = TestFiles.Output(name), FullPage = true });
    }

    /// <summary>
    /// Console errors (a CSP refusal shows up there), failed requests, and resources the server does
    /// not have. The 400 and 409 answers to refused forms are expected and show in the console too.
    /// </summary>
    private static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        page.Response += (_, response) =>
        {
            if (response.Status is 404 or >= 500)
            {
                problems.Add($"{response.Status}: {response.Url}");
            }
        };
        return problems;
    }

    private static IFormData Form(IAPIRequestContext request, params (string Name, string Value)[] fields)
    {
        var form = request.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    [GeneratedRegex("^(pending|sending|sent)$")]
    private static partial Regex SmsStatusText();
}
