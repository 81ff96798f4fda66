using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

public sealed class ItemApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    [Theory]
    [InlineData("19.99", "19.99")]
    [InlineData(19.99, "19.99")]
    [InlineData(5, "5.00")]
    [InlineData("0", "0.00")]
    [InlineData("99999999.99", "99999999.99")]
    [InlineData(1e2, "100.00")]
    [InlineData("1e2", "100.00")]
    [InlineData("19.990", "19.99")]
    [InlineData("1.5E+1", "15.00")]
    public async Task Price_is_accepted_as_string_or_number_and_returned_as_a_two_decimal_string(object price, string expected)
    {
        var item = await Shop.ItemAsync(price: price);

        Assert.Equal(expected, item.Str("price"));
        var stored = await (await _client.FetchAsync($"/api/v1/items/{item.Str("id")}")).ReadJsonAsync();
        Assert.Equal(expected, stored.Str("price"));
    }

    [Theory]
    [InlineData("S")]
    [InlineData("XXL")]
    public async Task Every_size_is_accepted(string size)
    {
        var item = await Shop.ItemAsync(size: size);

        Assert.Equal(size, item.Str("size"));
    }

    [Fact]
    public async Task Patching_the_price_returns_the_item_with_the_new_price()
    {
        var item = await Shop.ItemAsync(price: "10.00");

        var response = await _client.PatchJsonAsync($"/api/v1/items/{item.Str("id")}", new { price = "12.50" });

        var body = await response.ReadJsonAsync();
        Assert.Equal("12.50", body.Str("price"));
        Assert.Equal(item.Str("name"), body.Str("name"));
    }

    [Fact]
    public async Task Items_filter_by_size_and_search_and_order_by_price()
    {
        var tag = Shop.Unique("Kikoi");
        await Shop.ItemAsync(name: tag + " a", size: "L", price: "30.00");
        await Shop.ItemAsync(name: tag + " b", size: "L", price: "5.00");
        await Shop.ItemAsync(name: tag + " c", size: "L", price: "100.00");
        await Shop.ItemAsync(name: tag + " d", size: "S", price: "1.00");

        var list = await (await _client.FetchAsync($"/api/v1/items?size=L&search={tag.ToUpperInvariant()}&ordering=price")).ReadJsonAsync();
        var descending = await (await _client.FetchAsync($"/api/v1/items?size=L&search={tag}&ordering=-price")).ReadJsonAsync();

        Assert.Equal(3, list.GetProperty("count").GetInt32());
        // 100.00 sorts after 30.00 and 5.00: numeric, not text, order on both providers.
        Assert.Equal(["5.00", "30.00", "100.00"], list.GetProperty("results").EnumerateArray().Select(i => i.Str("price")));
        Assert.Equal(["100.00", "30.00", "5.00"], descending.GetProperty("results").EnumerateArray().Select(i => i.Str("price")));
    }

    [Fact]
    public async Task Items_order_by_name()
    {
        var tag = Shop.Unique("Name");
        await Shop.ItemAsync(name: tag + "b");
        await Shop.ItemAsync(name: tag + "a");

        var list = await (await _client.FetchAsync($"/api/v1/items?search={tag}&ordering=name")).ReadJsonAsync();

        Assert.Equal([tag + "a", tag + "b"], list.GetProperty("results").EnumerateArray().Select(i => i.Str("name")));
    }

    [Fact]
    public async Task An_unknown_size_filter_is_a_400()
    {
        var problem = await (await _client.FetchAsync("/api/v1/items?size=XXXL")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.FieldErrors("size"));
    }

    [Fact]
    public async Task Deleting_an_item_with_orders_is_a_409_and_deletes_nothing()
    {
        var item = await Shop.ItemAsync();
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), item);

        var response = await _client.DeleteAsync($"/api/v1/items/{item.Str("id")}", ifMatch: null);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 order", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/items/{item.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_item_without_orders_returns_204()
    {
        var item = await Shop.ItemAsync();

        var response = await _client.DeleteAsync($"/api/v1/items/{item.Str("id")}", ifMatch: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.FetchAsync($"/api/v1/items/{item.Str("id")}")).StatusCode);
    }
}
