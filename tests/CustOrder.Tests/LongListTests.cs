using System.Text.Json;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustOrder.Tests;

/// <summary>
/// Lists longer than Lists:ExactCountUpTo (here 5 rows, by default 1,000): the count is kept for
/// Lists:LongCountFor instead of recounted per request, and pages past the middle are read from the end.
/// </summary>
public sealed class LongListTests(LongListTests.LongListApiFactory app) : IClassFixture<LongListTests.LongListApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    public sealed class LongListApiFactory : ApiFactory
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Lists:ExactCountUpTo", "5");
            builder.UseSetting("Lists:LongCountFor", "00:00:30");
        }

        protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    private async Task<(string ItemId, List<string> NewestFirst)> OrdersOfOneItemAsync(int count)
    {
        var shop = new Shop(_client);
        var item = await shop.ItemAsync();
        var customer = await shop.CustomerAsync();
        for (var n = 0; n < count; n++)
        {
            await shop.OrderAsync(customer, item, quantity: 1 + (n * 7 % 5));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var all = await PageAsync($"item={item.Str("id")}&limit=500");
        return (item.Str("id"), all.GetProperty("results").EnumerateArray().Select(o => o.Str("id")).ToList());
    }

    private async Task<JsonElement> PageAsync(string query) =>
        await (await _client.FetchAsync($"/api/v1/orders?{query}")).ReadJsonAsync();

    private static List<string> Ids(JsonElement page) => page.GetProperty("results").EnumerateArray().Select(o => o.Str("id")).ToList();

    [Fact]
    public async Task Every_page_of_a_long_list_holds_the_same_orders_as_the_whole_list_read_at_once()
    {
        var (item, expected) = await OrdersOfOneItemAsync(12);
        Assert.Equal(12, expected.Count);

        foreach (var (offset, limit) in new[] { (0, 3), (3, 3), (6, 3), (7, 3), (9, 3), (10, 5), (11, 1), (6, 50) })
        {
            var page = await PageAsync($"item={item}&limit={limit}&offset={offset}");
            Assert.Equal(12, page.GetProperty("count").GetInt32());
            Assert.Equal(expected.Skip(offset).Take(limit), Ids(page));
        }

        var last = await PageAsync($"item={item}&limit=3&offset=9");
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Equal($"http://localhost/api/v1/orders?item={item}&limit=3&offset=6", last.Str("previous"));
        Assert.Empty(Ids(await PageAsync($"item={item}&limit=3&offset=12")));
    }

    [Fact]
    public async Task Pages_past_the_middle_keep_the_requested_ordering()
    {
        var (item, _) = await OrdersOfOneItemAsync(9);
        var ascending = Ids(await PageAsync($"item={item}&ordering=total&limit=500"));

        var tail = await PageAsync($"item={item}&ordering=total&limit=4&offset=6");

        Assert.Equal(ascending.Skip(6), Ids(tail));
    }

    [Fact]
    public async Task A_long_list_is_recounted_once_its_count_is_older_than_LongCountFor()
    {
        var (item, _) = await OrdersOfOneItemAsync(7);
        var shop = new Shop(_client);
        await shop.OrderAsync(await shop.CustomerAsync(), await ItemAsync(item));

        Assert.Equal(7, (await PageAsync($"item={item}")).GetProperty("count").GetInt32());
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(8, (await PageAsync($"item={item}")).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_short_list_is_counted_exactly_on_every_request()
    {
        var (item, _) = await OrdersOfOneItemAsync(4);
        var shop = new Shop(_client);
        await shop.OrderAsync(await shop.CustomerAsync(), await ItemAsync(item));

        Assert.Equal(5, (await PageAsync($"item={item}")).GetProperty("count").GetInt32());
    }

    private async Task<JsonElement> ItemAsync(string id) =>
        await (await _client.FetchAsync($"/api/v1/items/{id}")).ReadJsonAsync();
}
