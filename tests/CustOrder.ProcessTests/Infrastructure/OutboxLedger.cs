using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>What the database holds and what the fake provider received, to compare orders with their SMS.</summary>
public static partial class OutboxLedger
{
    /// <summary>Every order: its quantity (unique per request in these tests) and how many notifications it has.</summary>
    public static Task<List<(Guid Id, int Quantity, int Notifications)>> OrdersAsync(Deployment deployment, CancellationToken cancellationToken) =>
        deployment.QueryAsync("""
            SELECT o.id, o.quantity, (SELECT COUNT(*) FROM sms_notifications n WHERE n.order_id = o.id)
            FROM orders o
            """, row => (Guid.Parse(row.GetValue(0).ToString()!), Convert.ToInt32(row.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(row.GetValue(2), CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>Waits (bounded) until no notification is pending or mid-send; returns how many still are.</summary>
    public static async Task<int> WaitUntilAllSentAsync(Deployment deployment, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var unsent = (await deployment.QueryAsync("SELECT COUNT(*) FROM sms_notifications WHERE status <> 'sent'",
                row => Convert.ToInt32(row.GetValue(0), CultureInfo.InvariantCulture), cancellationToken))[0];
            if (unsent == 0 || clock.Elapsed > limit)
            {
                return unsent;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>How many messages the provider received per order quantity, for one phone number.</summary>
    public static Dictionary<int, int> MessagesPerQuantity(Deployment deployment, string phone) => deployment.Provider.Received
        .Where(sms => sms.To == phone)
        .Select(sms => int.Parse(OrderQuantity().Match(sms.Message).Groups[1].Value, CultureInfo.InvariantCulture))
        .GroupBy(quantity => quantity)
        .ToDictionary(group => group.Key, group => group.Count());

    [GeneratedRegex("your order of ([0-9]+) ")]
    private static partial Regex OrderQuantity();
}
