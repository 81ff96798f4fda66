using System.Diagnostics;
using System.Globalization;
using CustOrder.ProcessTests.Infrastructure;

namespace CustOrder.ProcessTests;

/// <summary>
/// The app killed with SIGKILL under order load, again and again, and restarted: no acknowledged order
/// is lost or doubled, each has one notification, and the SMS outbox resumes after the dead instance's lease.
/// </summary>
public sealed class CrashTests
{
    private const int Kills = 3;
    private const int SendConcurrency = 8; // the default of Sms:SendConcurrency, set explicitly
    private const int Workers = 4;
    private const string Phone = "+254712000301";

    [Fact]
    public async Task Orders_acknowledged_while_the_app_is_killed_and_restarted_exist_once_with_one_sms_each()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var deployment = await Deployment.CreateAsync(cancellation);
        // A short lease, so the rows a killed instance left mid-send are taken up again within the test.
        deployment.Settings["Sms__Lease"] = "00:00:02";
        deployment.Settings["Sms__SendConcurrency"] = SendConcurrency.ToString(CultureInfo.InvariantCulture);
        var current = await deployment.StartInstanceAsync(cancellation);
        var token = await deployment.MachineTokenAsync(current.Address, cancellation);
        using var api = ApiCalls.Client(current.Address, token);
        var (customer, item) = await api.ShopAsync(Phone, cancellation);

        using var client = new RetryingOrderClient(() => current.Address, token, customer, item);
        using var stopSending = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var next = 0;
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (!stopSending.IsCancellationRequested)
            {
                await client.PlaceAsync(Interlocked.Increment(ref next), giveUp.Token);
            }
        }, CancellationToken.None)).ToList();

        var clock = Stopwatch.StartNew();
        var random = new Random(301);
        for (var kill = 0; kill < Kills; kill++)
        {
            // Let orders (and their SMS) flow on this instance, then kill it at an arbitrary moment.
            var acknowledgedBefore = client.Acknowledged.Count;
            var running = Stopwatch.StartNew();
            while (client.Acknowledged.Count < acknowledgedBefore + 20 && running.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(20, cancellation);
            }

            await Task.Delay(random.Next(100, 800), cancellation);
            await current.KillAsync();
            current = await deployment.StartInstanceAsync(cancellation);
        }

        await Task.Delay(500, cancellation);
        await stopSending.CancelAsync();
        await Task.WhenAll(workers);
        var loadTime = clock.Elapsed;
        var unsent = await OutboxLedger.WaitUntilAllSentAsync(deployment, TimeSpan.FromSeconds(30), cancellation);
        await Task.Delay(300, cancellation); // a late double send would land by now

        var orders = await OutboxLedger.OrdersAsync(deployment, cancellation);
        var messages = OutboxLedger.MessagesPerQuantity(deployment, Phone);
        var duplicates = messages.Values.Sum(count => count - 1);
        TestContext.Current.SendDiagnosticMessage(
            $"Crash test on {deployment.Database.Provider}: {Kills} kill -9 and restarts in {loadTime.TotalSeconds:F1} s; " +
            $"{next} orders sent, {client.Acknowledged.Count} acknowledged with 201 ({client.Replayed} of them replays of an order the " +
            $"client had not heard about), {client.Resent} requests sent again (mostly while no instance was up); {orders.Count} orders stored; " +
            $"{messages.Values.Sum()} SMS at the provider, {duplicates} duplicate(s) (a kill between the provider's accept and the row's update).");

        Assert.Empty(client.Unexpected);
        Assert.Equal(next, client.Acknowledged.Count);
        Assert.All(orders.GroupBy(order => order.Quantity), request => Assert.Single(request));
        Assert.Equal(client.Acknowledged.OrderBy(pair => pair.Key).Select(pair => (pair.Key, pair.Value)),
            orders.Where(order => order.Quantity > 0).OrderBy(order => order.Quantity).Select(order => (order.Quantity, order.Id)));
        Assert.All(orders, order => Assert.Equal(1, order.Notifications));
        Assert.Equal(0, unsent);
        Assert.Equal(orders.Select(order => order.Quantity).Order(), messages.Keys.Order());
        // Only the sends in flight when an instance dies can be repeated: at most SendConcurrency per kill.
        Assert.InRange(duplicates, 0, Kills * SendConcurrency);
    }
}
