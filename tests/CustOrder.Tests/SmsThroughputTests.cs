using System.Diagnostics;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>A provider that takes its time to answer does not make the messages queue up one behind another.</summary>
public sealed class SmsThroughputTests(SmsApiFactory app) : IClassFixture<SmsApiFactory>
{
    [Fact]
    public async Task Messages_to_a_slow_provider_are_sent_several_at_a_time_and_each_once()
    {
        app.Provider.Latency = TimeSpan.FromMilliseconds(300);
        var client = app.CreateApiClient();
        var shop = new Shop(client);
        var item = await shop.ItemAsync();
        var phones = Enumerable.Range(0, 16).Select(n => $"0712 001 {n:000}").ToList();
        foreach (var phone in phones)
        {
            await shop.OrderAsync(await shop.CustomerAsync(phone: phone), item);
        }

        var clock = Stopwatch.StartNew();
        while (app.Provider.Received.Count < phones.Count && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.All(phones, phone => Assert.Single(app.Provider.Received, sms => sms.To == "+254" + phone.Replace(" ", "", StringComparison.Ordinal)[1..]));
        Assert.True(app.Provider.MaxInFlight >= 4, $"At most {app.Provider.MaxInFlight} message(s) at the provider at once.");
    }
}
