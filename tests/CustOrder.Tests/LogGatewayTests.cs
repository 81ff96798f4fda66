using System.Diagnostics;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>With no SMS provider configured, messages go to the log and count as sent by the "log" provider.</summary>
public sealed class LogGatewayTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_a_provider_an_orders_sms_is_logged_and_sent_within_two_seconds()
    {
        var client = app.CreateApiClient();
        var shop = new Shop(client);
        var order = await shop.OrderAsync(await shop.CustomerAsync(), await shop.ItemAsync());

        var clock = Stopwatch.StartNew();
        string status;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            status = (await (await client.FetchAsync($"/api/v1/orders/{order.Str("id")}")).ReadJsonAsync()).GetProperty("notification").Str("status");
        }
        while (status != "sent" && clock.Elapsed < TimeSpan.FromSeconds(2));

        Assert.Equal("sent", status);
        var details = (await (await client.FetchAsync($"/api/v1/orders/{order.Str("id")}/notifications")).ReadJsonAsync())[0];
        Assert.Equal("log", details.Str("provider"));
    }
}
