using System.Diagnostics;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>Several instances share the outbox: no SMS is sent twice, and none is left behind when an instance stops.</summary>
public sealed class SmsScaleOutTests(SmsApiFactory first) : IClassFixture<SmsApiFactory>
{
    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await done() && clock.Elapsed < limit)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_send_each_of_200_orders_exactly_once()
    {
        await using var second = new SmsInstance(first.Database, first.Provider);
        await second.InitializeAsync();
        var shop = new Shop(first.CreateApiClient());
        var customer = await shop.CustomerAsync(phone: "0712 000 201");
        var item = await shop.ItemAsync();
        var before = first.Provider.Received.Count;

        // The quantity makes each order's text unique; orders alternate between the two instances.
        var clients = new[] { first.CreateApiClient(), second.CreateApiClient() };
        for (var quantity = 1; quantity <= 200; quantity++)
        {
            var response = await clients[quantity % 2].PostJsonAsync("/api/v1/orders",
                new { customer = customer.Str("id"), item = item.Str("id"), quantity });
            response.EnsureSuccessStatusCode();
        }

        await WaitUntilAsync(async () => await first.WithDbAsync(db => db.SmsNotifications.CountAsync(n => n.Status == Api.Notifications.SmsStatus.Sent))
            >= 200, TimeSpan.FromSeconds(60));
        await Task.Delay(500, TestContext.Current.CancellationToken); // a double send would land by now
        var messages = first.Provider.Received.Skip(before).Where(r => r.To == "+254712000201").Select(r => r.Message).ToList();
        Assert.Equal(200, messages.Count);
        Assert.Equal(200, messages.Distinct().Count());
        TestContext.Current.SendDiagnosticMessage($"Two dispatchers, 200 orders: the provider received {messages.Count} messages, {messages.Distinct().Count()} distinct.");
    }

    [Fact]
    public async Task Rows_left_pending_or_mid_send_by_a_stopped_instance_are_sent_by_the_next()
    {
        var database = TestDatabase.Create();
        try
        {
            string[] orderIds;
            await using (var stopped = new SmsInstance(database, first.Provider, dispatcher: false))
            {
                await stopped.InitializeAsync();
                var shop = new Shop(stopped.CreateApiClient());
                var customer = await shop.CustomerAsync(phone: "0712 000 202");
                var item = await shop.ItemAsync();
                orderIds = [.. await Task.WhenAll(Enumerable.Range(1, 5).Select(async q => (await shop.OrderAsync(customer, item, q)).Str("id")))];
                // One row was claimed by an instance that then died: its lease ran out a minute ago.
                var claimed = Guid.Parse(orderIds[0]);
                await stopped.WithDbAsync(db => db.SmsNotifications.Where(n => n.OrderId == claimed).ExecuteUpdateAsync(set => set
                    .SetProperty(n => n.Status, Api.Notifications.SmsStatus.Sending)
                    .SetProperty(n => n.Attempts, 1)
                    .SetProperty(n => n.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
            }

            await using var next = new SmsInstance(database, first.Provider);
            await next.InitializeAsync();
            await WaitUntilAsync(async () => await next.WithDbAsync(db => db.SmsNotifications.CountAsync(n => n.Status == Api.Notifications.SmsStatus.Sent)) == 5,
                TimeSpan.FromSeconds(20));

            var rows = await next.WithDbAsync(db => db.SmsNotifications.AsNoTracking().ToListAsync());
            Assert.All(rows, row => Assert.Equal(Api.Notifications.SmsStatus.Sent, row.Status));
            Assert.Equal(2, rows.Single(row => row.OrderId == Guid.Parse(orderIds[0])).Attempts);
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
