using System.Net;
using System.Text.RegularExpressions;
using CustOrder.Api.Notifications;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>The back-office at /admin/, driven as a browser drives it: roles, CSRF, validation shared with the API, stale forms, CSV.</summary>
public sealed class BackOfficeTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly OAuthFlow _flow = new(app);
    private readonly Shop _shop = new(app.CreateApiClient());
    private readonly HttpClient _api = app.CreateApiClient();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page_and_back()
    {
        var anonymous = new BrowserSession(app);

        var response = await anonymous.Http.GetAsync("/admin/orders/", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/accounts/login/?ReturnUrl=%2Fadmin%2Forders%2F", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_viewer_sees_lists_without_edit_buttons_and_a_direct_post_is_refused_with_403()
    {
        var viewer = await SignedInAsync("viewer");
        var lastName = Shop.Unique("Viewed");
        var customer = await _shop.CustomerAsync(lastName);

        var list = await viewer.PageAsync($"/admin/customers/?search={lastName}");
        var detail = await viewer.PageAsync($"/admin/customers/{customer.Str("id")}");
        // The token of a form the viewer may see (log out) makes the POST pass antiforgery: the role check refuses it.
        var created = await viewer.PostFormAsync("/admin/customers/new", list, new()
        {
            ["first_name"] = "Sneaky", ["last_name"] = lastName, ["phone_number"] = "+254712345678", ["version"] = "0",
        });
        var deleted = await viewer.PostFormAsync($"/admin/customers/{customer.Str("id")}?handler=delete", list, new() { ["version"] = "1" });

        Assert.Contains(lastName, list, StringComparison.Ordinal);
        Assert.DoesNotContain("New customer", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" novalidate", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Http.GetAsync("/admin/customers/new", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Customers.CountAsync(c => c.LastName == lastName, Cancel)));
    }

    [Fact]
    public async Task Only_an_admin_manages_users_and_a_new_user_signs_in_with_the_role_given()
    {
        var staff = await SignedInAsync("staff");
        var admin = await SignedInAsync("admin");
        var username = Shop.Unique("clerk");

        var staffLooks = await staff.Http.GetAsync("/admin/users/", Cancel);
        var tooShort = await admin.FillFormAsync("/admin/users/", new() { ["Username"] = [username], ["Password"] = ["short"], ["Role"] = ["viewer"] });
        var created = await admin.FillFormAsync("/admin/users/", new() { ["Username"] = [username], ["Password"] = [OAuthFlow.Password], ["Role"] = ["viewer"] });
        var clerk = new BrowserSession(app);
        await clerk.LogInAsync(username, OAuthFlow.Password);

        Assert.Equal(HttpStatusCode.Forbidden, staffLooks.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least 10 characters", await tooShort.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.DoesNotContain("New customer", await clerk.PageAsync("/admin/customers/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_locks_a_user_out_and_unlocks_them()
    {
        var admin = await SignedInAsync("admin");
        var username = await _flow.CreateUserAsync("staff");
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync(Cancel));

        var page = await admin.PageAsync($"/admin/users/{id}");
        var locked = await admin.PostFormAsync($"/admin/users/{id}?handler=lock", page, []);
        var refused = new BrowserSession(app);
        var login = await refused.SubmitFormAsync("/accounts/login/", new() { ["Username"] = username, ["Password"] = OAuthFlow.Password });
        var unlocked = await admin.PostFormAsync($"/admin/users/{id}?handler=unlock", page, []);

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        await new BrowserSession(app).LogInAsync(username, OAuthFlow.Password);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var staff = await SignedInAsync("staff");
        var lastName = Shop.Unique("Forged");

        var response = await staff.Http.PostAsync("/admin/customers/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["first_name"] = "Jane", ["last_name"] = lastName, ["phone_number"] = "+254712345678", ["version"] = "0",
        }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Customers.CountAsync(c => c.LastName == lastName, Cancel)));
    }

    [Fact]
    public async Task The_customer_form_shows_the_apis_own_messages_next_to_their_fields()
    {
        var staff = await SignedInAsync("staff");
        var api = await (await _api.PostJsonAsync("/api/v1/customers", new { first_name = "Jane", last_name = " ", phone_number = "12345" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        var response = await staff.FillFormAsync("/admin/customers/new", new()
        {
            ["first_name"] = ["Jane"], ["last_name"] = [" "], ["phone_number"] = ["12345"],
        });
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(api.FieldErrors("phone_number").Single(), FieldError(html, "phone_number"));
        Assert.Equal(api.FieldErrors("last_name").Single(), FieldError(html, "last_name"));
        Assert.Contains("aria-describedby=\"phone_number-error\"", html, StringComparison.Ordinal);
        Assert.Null(FieldError(html, "first_name"));
    }

    [Fact]
    public async Task A_stale_edit_form_is_refused_with_a_message_and_does_not_overwrite_the_newer_change()
    {
        var staff = await SignedInAsync("staff");
        var item = await _shop.ItemAsync(price: "10.00");
        var url = $"/admin/items/{item.Str("id")}";
        var form = await staff.PageAsync(url);
        var patched = await _api.PatchJsonAsync($"/api/v1/items/{item.Str("id")}", new { price = "12.00" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var stale = await staff.PostFormAsync(url, form, new() { ["name"] = item.Str("name"), ["size"] = "M", ["price"] = "11.00" });
        var html = await stale.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("your changes were <strong>not saved</strong>", html, StringComparison.Ordinal);
        Assert.Equal("12.00", (await (await _api.GetAsync($"/api/v1/items/{item.Str("id")}", Cancel)).ReadJsonAsync()).Str("price"));
        // The form now carries the current version: saving again is a deliberate overwrite, and it works.
        var again = await staff.PostFormAsync(url, html, new() { ["name"] = item.Str("name"), ["size"] = "M", ["price"] = "11.00" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("11.00", (await (await _api.GetAsync($"/api/v1/items/{item.Str("id")}", Cancel)).ReadJsonAsync()).Str("price"));
    }

    [Fact]
    public async Task An_order_placed_through_the_form_gets_its_confirmation_sms_in_the_outbox_like_the_apis()
    {
        var staff = await SignedInAsync("staff");
        var customer = await _shop.CustomerAsync();
        var item = await _shop.ItemAsync(price: "19.99");

        var response = await staff.FillFormAsync("/admin/orders/new", new()
        {
            ["customer"] = [customer.Str("id")], ["item"] = [item.Str("id")], ["quantity"] = ["3"],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var orderId = Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]);
        var order = await (await _api.GetAsync($"/api/v1/orders/{orderId}", Cancel)).ReadJsonAsync();
        Assert.Equal("59.97", order.Str("total"));
        var sms = await app.WithDbAsync(db => db.SmsNotifications.Where(n => n.OrderId == orderId).ToListAsync(Cancel));
        var message = Assert.Single(sms);
        Assert.Equal(customer.Str("phone_number"), message.Recipient);
        Assert.Contains("your order of 3 ", message.Message, StringComparison.Ordinal);
        Assert.Contains("59.97", message.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_customer_with_orders_is_refused_with_a_message_and_one_without_is_deleted()
    {
        var staff = await SignedInAsync("staff");
        var ordered = await _shop.CustomerAsync();
        await _shop.OrderAsync(ordered, await _shop.ItemAsync());
        var unordered = await _shop.CustomerAsync();

        var refused = await staff.FillFormAsync($"/admin/customers/{ordered.Str("id")}?handler=delete", []);
        var deleted = await staff.FillFormAsync($"/admin/customers/{unordered.Str("id")}?handler=delete", []);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("The customer has 1 order(s); delete them first. Nothing was deleted.", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync($"/api/v1/customers/{ordered.Str("id")}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/v1/customers/{unordered.Str("id")}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Retry_on_the_order_page_queues_a_failed_sms_again()
    {
        var staff = await SignedInAsync("staff");
        var order = await _shop.OrderAsync(await _shop.CustomerAsync(), await _shop.ItemAsync());
        var orderId = Guid.Parse(order.Str("id"));
        var notification = await app.WithDbAsync(async db =>
        {
            var sms = await db.SmsNotifications.SingleAsync(n => n.OrderId == orderId, Cancel);
            await db.SmsNotifications.Where(n => n.Id == sms.Id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, SmsStatus.Failed).SetProperty(n => n.Attempts, 8)
                .SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow.AddYears(1)), Cancel);
            return sms.Id;
        });

        var page = await staff.PageAsync($"/admin/orders/{orderId}");
        Assert.Contains("Retry", page, StringComparison.Ordinal);
        var retried = await staff.PostFormAsync($"/admin/orders/{orderId}?handler=retry", page, new() { ["notification"] = notification.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await app.WithDbAsync(db => db.SmsNotifications.AsNoTracking().SingleAsync(n => n.Id == notification, Cancel));
        Assert.NotEqual(SmsStatus.Failed, after.Status);
        Assert.True(after.Attempts <= 1, $"attempts {after.Attempts}");
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_orders_with_formula_cells_defused_and_quoting_per_rfc_4180()
    {
        var viewer = await SignedInAsync("viewer");
        var tricky = await _shop.CustomerAsync(lastName: "Doe, \"Jr\"", firstName: "=HYPERLINK(\"http://evil\")");
        var other = await _shop.CustomerAsync();
        var item = await _shop.ItemAsync(name: "@SUM(A1) shirt");
        var order = await _shop.OrderAsync(tricky, item, quantity: 2);
        await _shop.OrderAsync(other, item);

        var response = await viewer.Http.GetAsync($"/admin/orders/export.csv?customer={tricky.Str("id")}", Cancel);
        var csv = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,date_created,customer_first_name,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(order.Str("id") + ",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",\"Doe, \"\"Jr\"\"\",'+254712345678,'@SUM(A1) shirt,M,2,19.99,39.98,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_in_the_csv_export_is_a_400_problem()
    {
        var viewer = await SignedInAsync("viewer");

        var response = await viewer.Http.GetAsync("/admin/orders/export.csv?from=yesterday", Cancel);

        Assert.Equal(["Must be a date such as 2026-12-01."], (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("from"));
    }

    [Fact]
    public async Task An_order_filter_up_to_the_last_day_there_is_lists_and_exports_instead_of_failing()
    {
        var staff = await SignedInAsync("staff");

        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin/orders/?to=9999-12-31", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin/orders/export.csv?to=9999-12-31", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/admin/customers/")]
    [InlineData("POST", "/admin/")]
    [InlineData("PUT", "/admin/customers/new")]
    [InlineData("DELETE", "/admin/items/new")]
    [InlineData("POST", "/admin/orders/")]
    public async Task A_method_or_handler_a_page_does_not_have_is_a_405_problem(string method, string url)
    {
        var staff = await SignedInAsync("staff");
        var page = await staff.PageAsync("/admin/customers/new");
        var form = BrowserSession.HiddenInputs(page);

        var response = await staff.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new FormUrlEncodedContent(form) }, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("application/json", "{}")]
    [InlineData("text/plain", "first_name=Ann")]
    public async Task A_form_posted_in_another_content_type_is_a_415_problem(string contentType, string body)
    {
        var staff = await SignedInAsync("staff");
        var form = BrowserSession.HiddenInputs(await staff.PageAsync("/admin/customers/new"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/customers/new") { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        request.Headers.Add("RequestVerificationToken", form["__RequestVerificationToken"]);

        var response = await staff.Http.SendAsync(request, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_field_sent_twice_is_refused_inline_instead_of_being_joined()
    {
        var staff = await SignedInAsync("staff");
        var lastName = Shop.Unique("Twice");
        var page = await staff.PageAsync("/admin/customers/new");
        var fields = BrowserSession.HiddenInputs(page).ToList();
        fields.AddRange([new("first_name", "Ann"), new("first_name", "Bob"), new("last_name", lastName), new("phone_number", "+254712345678")]);

        var response = await staff.Http.PostAsync("/admin/customers/new", new FormUrlEncodedContent(fields), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(FieldError(await response.Content.ReadAsStringAsync(Cancel), "first_name"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Customers.CountAsync(c => c.LastName == lastName, Cancel)));
    }

    [Fact]
    public async Task A_username_longer_than_the_database_column_is_refused_with_a_message()
    {
        var admin = await SignedInAsync("admin");
        var page = await admin.PageAsync("/admin/users/");

        var response = await admin.PostFormAsync("/admin/users/", page, new()
        {
            ["Username"] = new string('u', 257), ["Email"] = "", ["Password"] = "a long passphrase", ["Role"] = "viewer",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("256", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private async Task<BrowserSession> SignedInAsync(string role)
    {
        var session = new BrowserSession(app);
        await session.LogInAsync(await _flow.CreateUserAsync(role), OAuthFlow.Password);
        return session;
    }

    private static string? FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"<p class=\"field-error\" id=\"{field}-error\">(?<message>[^<]*)</p>");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups["message"].Value) : null;
    }
}
