using System.Diagnostics;
using CustOrder.Api.Observability;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests;

/// <summary>custorder.sms.outbox.pending: the unsent messages, counted at most once per refresh interval however often it is read.</summary>
public sealed class OutboxGaugeTests(UndispatchedApiFactory app) : IClassFixture<UndispatchedApiFactory>
{
    [Fact]
    public async Task The_gauge_counts_unsent_messages_and_reads_the_database_once_per_refresh_interval()
    {
        // A gauge of the test's own: the app's is also read by any meter listener in the test run
        // (instruments are process-wide), which could count before the order exists.
        var gauge = ActivatorUtilities.CreateInstance<OutboxPendingGauge>(app.Services);
        var shop = new Shop(app.CreateApiClient());
        var customer = await shop.CustomerAsync();
        var item = await shop.ItemAsync();
        await shop.OrderAsync(customer, item);

        var first = await ObservedAsync(gauge);
        await shop.OrderAsync(customer, item);
        // Within the refresh interval (an hour here) reads report the cached count: no query per scrape.
        var cached = Enumerable.Range(0, 20).Select(_ => gauge.Observe().Single().Value).ToList();

        Assert.Equal(1, first);
        Assert.All(cached, value => Assert.Equal(1, value));
    }

    /// <summary>The first read starts the count; a later read reports it (within 5 s).</summary>
    private static async Task<long> ObservedAsync(OutboxPendingGauge gauge)
    {
        var clock = Stopwatch.StartNew();
        var values = gauge.Observe().ToList();
        while (values.Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            values = gauge.Observe().ToList();
        }

        return Assert.Single(values).Value;
    }
}

/// <summary>The app with its dispatcher off, so outbox rows stay pending, and the gauge refreshed hourly.</summary>
public sealed class UndispatchedApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:DispatcherEnabled", "false");
        builder.UseSetting("Metrics:OutboxPendingRefresh", "01:00:00");
    }
}
