using System.Globalization;
using System.Net;
using System.Text.Json;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

public sealed class OrderApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    [Fact]
    public async Task Creating_an_order_takes_the_item_price_and_computes_an_exact_total()
    {
        var customer = await Shop.CustomerAsync(firstName: "Amina", lastName: "Achieng");
        var item = await Shop.ItemAsync(name: "Kitenge shirt", price: "19.99");

        var response = await _client.PostJsonAsync("/api/v1/orders", new { customer = customer.Str("id"), item = item.Str("id"), quantity = 3 });

        var order = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/orders/{order.Str("id")}", response.Headers.Location?.ToString());
        Assert.Equal(customer.Str("id"), order.Str("customer"));
        Assert.Equal("Amina", order.Str("customer_first_name"));
        Assert.Equal("Achieng", order.Str("customer_last_name"));
        Assert.Equal(item.Str("id"), order.Str("item"));
        Assert.Equal("Kitenge shirt", order.Str("item_name"));
        Assert.Equal(3, order.GetProperty("quantity").GetInt32());
        Assert.Equal("19.99", order.Str("unit_price"));
        Assert.Equal("59.97", order.Str("total"));
    }

    [Fact]
    public async Task An_order_whose_outbox_row_cannot_be_written_is_not_stored_either()
    {
        // The database refuses this customer's SMS row: the order in the same batch must go too.
        var name = Shop.Unique("Refused");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(app.Database.Provider == "Postgres"
            ? $"""
              CREATE FUNCTION refuse_{name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$;
              CREATE TRIGGER refuse_{name} BEFORE INSERT ON sms_notifications FOR EACH ROW
              WHEN (NEW.message LIKE '%{name}%') EXECUTE FUNCTION refuse_{name}();
              """
            : $"""
              CREATE TRIGGER refuse_{name} BEFORE INSERT ON sms_notifications
              WHEN NEW.message LIKE '%{name}%' BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;
              """));
        var customer = await Shop.CustomerAsync(firstName: name);

        var response = await _client.PostJsonAsync("/api/v1/orders", new { customer = customer.Str("id"), item = (await Shop.ItemAsync()).Str("id"), quantity = 1 });

        Assert.NotEqual(HttpStatusCode.Created, response.StatusCode);
        var customerId = Guid.Parse(customer.Str("id"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.CustomerId == customerId)));
    }

    [Fact]
    public async Task The_largest_order_total_is_exact_without_overflow()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), await Shop.ItemAsync(price: "99999999.99"), quantity: 1_000_000);

        Assert.Equal("99999999990000.00", order.Str("total"));
        var stored = await (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).ReadJsonAsync();
        Assert.Equal("99999999990000.00", stored.Str("total"));
    }

    [Fact]
    public async Task A_price_change_leaves_existing_order_totals_as_they_were()
    {
        var item = await Shop.ItemAsync(price: "10.00");
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), item, quantity: 2);

        (await _client.PatchJsonAsync($"/api/v1/items/{item.Str("id")}", new { price = "15.00" })).EnsureSuccessStatusCode();

        var stored = await (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).ReadJsonAsync();
        Assert.Equal("10.00", stored.Str("unit_price"));
        Assert.Equal("20.00", stored.Str("total"));
    }

    [Fact]
    public async Task Changing_the_quantity_keeps_the_unit_price_and_recomputes_the_total()
    {
        var item = await Shop.ItemAsync(price: "10.00");
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), item, quantity: 2);
        (await _client.PatchJsonAsync($"/api/v1/items/{item.Str("id")}", new { price = "15.00" })).EnsureSuccessStatusCode();

        var response = await _client.PatchJsonAsync($"/api/v1/orders/{order.Str("id")}", new { quantity = 5 });

        var body = await response.ReadJsonAsync();
        Assert.Equal("10.00", body.Str("unit_price"));
        Assert.Equal("50.00", body.Str("total"));
    }

    [Fact]
    public async Task Changing_the_item_reprices_the_order_at_the_new_items_price()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), await Shop.ItemAsync(price: "10.00"), quantity: 2);
        var other = await Shop.ItemAsync(name: "Rain coat", price: "39.99");

        var response = await _client.PatchJsonAsync($"/api/v1/orders/{order.Str("id")}", new { item = other.Str("id") });

        var body = await response.ReadJsonAsync();
        Assert.Equal("Rain coat", body.Str("item_name"));
        Assert.Equal("39.99", body.Str("unit_price"));
        Assert.Equal("79.98", body.Str("total"));
    }

    [Fact]
    public async Task Nonexistent_customer_and_item_are_field_errors()
    {
        var response = await _client.PostJsonAsync("/api/v1/orders",
            new { customer = Guid.NewGuid().ToString(), item = Guid.NewGuid().ToString(), quantity = 1 });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("does not exist", problem.FieldErrors("customer")[0], StringComparison.Ordinal);
        Assert.Contains("does not exist", problem.FieldErrors("item")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_customer_with_orders_is_a_409_and_deletes_nothing()
    {
        var customer = await Shop.CustomerAsync();
        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync());

        var response = await _client.DeleteAsync($"/api/v1/customers/{customer.Str("id")}", ifMatch: null);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/customers/{customer.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task An_order_placed_while_its_customer_is_being_deleted_wins_and_the_delete_is_a_409()
    {
        var customer = await Shop.CustomerAsync();
        var item = await Shop.ItemAsync();
        JsonElement? raced = null;
        app.BeforeDelete.Once(async () => raced = await Shop.OrderAsync(customer, item));

        var response = await _client.DeleteAsync($"/api/v1/customers/{customer.Str("id")}", ifMatch: null);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.NotNull(raced);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/customers/{customer.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/orders/{raced.Value.Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_order_returns_204_and_then_its_customer_can_be_deleted()
    {
        var customer = await Shop.CustomerAsync();
        var order = await Shop.OrderAsync(customer, await Shop.ItemAsync());

        var deleted = await _client.DeleteAsync($"/api/v1/orders/{order.Str("id")}", ifMatch: null);
        var customerDeleted = await _client.DeleteAsync($"/api/v1/customers/{customer.Str("id")}", ifMatch: null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, customerDeleted.StatusCode);
    }

    [Fact]
    public async Task Orders_filter_by_customer_and_item()
    {
        var (amina, brian) = (await Shop.CustomerAsync(), await Shop.CustomerAsync());
        var (shirt, coat) = (await Shop.ItemAsync(), await Shop.ItemAsync());
        var aminaShirt = await Shop.OrderAsync(amina, shirt);
        await Shop.OrderAsync(amina, coat);
        await Shop.OrderAsync(brian, shirt);

        var byCustomer = await ListAsync($"customer={amina.Str("id")}");
        var byBoth = await ListAsync($"customer={amina.Str("id")}&item={shirt.Str("id")}");

        Assert.Equal(2, byCustomer.GetProperty("count").GetInt32());
        Assert.Equal([aminaShirt.Str("id")], Ids(byBoth));
    }

    [Fact]
    public async Task Orders_filter_by_creation_date_range()
    {
        var customer = await Shop.CustomerAsync();
        var item = await Shop.ItemAsync();
        var before = await Shop.OrderAsync(customer, item);
        var middle = await Shop.OrderAsync(customer, item);
        var after = await Shop.OrderAsync(customer, item);
        var from = Uri.EscapeDataString(middle.Str("date_created"));
        var to = Uri.EscapeDataString(after.Str("date_created"));

        var window = await ListAsync($"customer={customer.Str("id")}&created_after={from}&created_before={to}");
        var since = await ListAsync($"customer={customer.Str("id")}&created_after={from}");
        var today = await ListAsync($"customer={customer.Str("id")}&created_after={DateTime.UtcNow:yyyy-MM-dd}");

        Assert.Equal([middle.Str("id")], Ids(window));
        Assert.Equal([after.Str("id"), middle.Str("id")], Ids(since));
        Assert.Contains(before.Str("id"), Ids(today));
    }

    [Theory]
    [InlineData("created_after=yesterday")]
    [InlineData("created_after=12/01/2026")]
    [InlineData("created_after=Dec%201%202026")]
    [InlineData("created_after=10:00")]
    [InlineData("created_before=2026-13-45")]
    [InlineData("customer=42")]
    [InlineData("item=not-a-uuid")]
    [InlineData("ordering=price")]
    public async Task Malformed_order_filters_are_400_field_errors(string query)
    {
        var problem = await (await _client.FetchAsync($"/api/v1/orders?{query}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.FieldErrors(query.Split('=')[0]));
    }

    [Fact]
    public async Task Orders_order_by_total_numerically()
    {
        var customer = await Shop.CustomerAsync();
        foreach (var (price, quantity) in new[] { ("9.00", 1), ("100.00", 1), ("20.00", 1), ("0.50", 7) })
        {
            await Shop.OrderAsync(customer, await Shop.ItemAsync(price: price), quantity);
        }

        var ascending = await ListAsync($"customer={customer.Str("id")}&ordering=total");
        var descending = await ListAsync($"customer={customer.Str("id")}&ordering=-total");

        Assert.Equal(["3.50", "9.00", "20.00", "100.00"], ascending.GetProperty("results").EnumerateArray().Select(o => o.Str("total")));
        Assert.Equal(["100.00", "20.00", "9.00", "3.50"], descending.GetProperty("results").EnumerateArray().Select(o => o.Str("total")));
    }

    [Fact]
    public async Task Order_timestamps_are_utc_iso_8601_with_offset()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), await Shop.ItemAsync());

        var created = DateTimeOffset.ParseExact(order.Str("date_created"), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, created.Offset);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - created).TotalMinutes) < 5);
    }

    [Fact]
    public async Task Listing_fifty_orders_takes_the_same_number_of_queries_as_listing_one()
    {
        var item = await Shop.ItemAsync();
        await Shop.OrderAsync(await Shop.CustomerAsync(), item);
        var one = await CountQueriesAsync($"/api/v1/orders?item={item.Str("id")}&limit=50", expectedResults: 1);
        for (var n = 1; n < 50; n++)
        {
            // A different customer each time: a query per row would show.
            await Shop.OrderAsync(await Shop.CustomerAsync(), item);
        }

        var fifty = await CountQueriesAsync($"/api/v1/orders?item={item.Str("id")}&limit=50", expectedResults: 50);

        Assert.Equal(3, fifty); // one COUNT, one page with its joins, one for the SMS of the page's orders
        Assert.Equal(one, fifty);
        TestContext.Current.SendDiagnosticMessage($"Listing 50 orders took {fifty} SQL queries on {app.Database.Provider}.");
    }

    private async Task<int> CountQueriesAsync(string url, int expectedResults)
    {
        app.SqlCommands.Reset();
        var page = await (await _client.FetchAsync(url)).ReadJsonAsync();
        Assert.Equal(expectedResults, page.GetProperty("results").GetArrayLength());
        return app.SqlCommands.Count;
    }

    private async Task<JsonElement> ListAsync(string query) =>
        await (await _client.FetchAsync($"/api/v1/orders?{query}")).ReadJsonAsync();

    private static string[] Ids(JsonElement page) =>
        page.GetProperty("results").EnumerateArray().Select(o => o.Str("id")).ToArray();
}
