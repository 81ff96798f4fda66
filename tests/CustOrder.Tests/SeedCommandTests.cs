using CustOrder.Api.Cli;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>The <c>seed</c> command's data set, in a database of its own so the counts are exact.</summary>
public sealed class SeedCommandTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Seeding_twice_gives_one_browsable_demo_data_set()
    {
        var first = await app.WithDbAsync(db => DemoData.SeedAsync(db, app.Services, TestContext.Current.CancellationToken));
        var second = await app.WithDbAsync(db => DemoData.SeedAsync(db, app.Services, TestContext.Current.CancellationToken));

        Assert.Equal("20 customers, 10 items and 50 orders", first);
        Assert.Equal("0 customers, 0 items and 0 orders", second);
        var counts = await app.WithDbAsync(async db => (await db.Customers.CountAsync(), await db.Items.CountAsync(), await db.Orders.CountAsync()));
        Assert.Equal((20, 10, 50), counts);
        var orders = await (await app.CreateApiClient().FetchAsync("/api/v1/orders?limit=5")).ReadJsonAsync();
        Assert.Equal(50, orders.GetProperty("count").GetInt32());
        Assert.All(orders.GetProperty("results").EnumerateArray(), o => Assert.False(string.IsNullOrEmpty(o.Str("customer_first_name"))));
    }
}
