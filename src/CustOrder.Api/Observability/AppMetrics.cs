using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustOrder.Api.Observability;

/// <summary>
/// The business metrics, on the "CustOrder" meter. Instruments cost next to nothing while no
/// exporter listens (Prometheus and OTLP are both off by default). The meter is static, as the
/// platform's own are: a meter disposed with one host would end its metric streams for every other
/// host in the process that shares its name.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    public const string MeterName = "CustOrder";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> OrdersCreated =
        Meter.CreateCounter<long>("custorder.orders.created", "{order}", "Orders created (an idempotent replay is not counted again).");

    private static readonly Counter<long> SmsSentCounter =
        Meter.CreateCounter<long>("custorder.sms.sent", "{message}", "SMS send attempts by outcome: sent, failed (for good) or retry.");

    private static readonly Histogram<double> SmsSendDuration =
        Meter.CreateHistogram<double>("custorder.sms.send.duration", "s", "Time the SMS gateway took to answer one send.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30] });

    /// <summary>One per running host (one in production); the gauge reports each host's outbox.</summary>
    private static readonly ConcurrentDictionary<OutboxPendingGauge, bool> Outboxes = new();

    private readonly OutboxPendingGauge _pending;

    static AppMetrics() => Meter.CreateObservableGauge("custorder.sms.outbox.pending", () => Outboxes.Keys.SelectMany(outbox => outbox.Observe()),
        "{message}", "Outbox messages not yet sent (pending or being sent); refreshed at most every Metrics:OutboxPendingRefresh.");

    public AppMetrics(OutboxPendingGauge pending)
    {
        _pending = pending;
        Outboxes[pending] = true;
    }

    public static void OrderCreated() => OrdersCreated.Add(1);

    /// <summary>One send's outcome ("sent", "failed", "retry") and how long the gateway took.</summary>
    public static void SmsSent(string outcome, string provider, TimeSpan duration)
    {
        var tags = new TagList { { "outcome", outcome }, { "provider", provider } };
        SmsSentCounter.Add(1, tags);
        SmsSendDuration.Record(duration.TotalSeconds, tags);
    }

    public void Dispose() => Outboxes.TryRemove(_pending, out _);
}
