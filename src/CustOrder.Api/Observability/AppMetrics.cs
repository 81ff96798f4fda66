using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CustOrder.Api.Observability;

/// <summary>
/// The business metrics, on the "CustOrder" meter. Instruments cost next to nothing while no
/// exporter listens (Prometheus and OTLP are both off by default).
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "CustOrder";

    private readonly Counter<long> _ordersCreated;
    private readonly Counter<long> _smsSent;
    private readonly Histogram<double> _smsSendDuration;

    public AppMetrics(IMeterFactory meters, OutboxPendingGauge pending)
    {
        var meter = meters.Create(MeterName);
        _ordersCreated = meter.CreateCounter<long>("custorder.orders.created", "{order}", "Orders created (an idempotent replay is not counted again).");
        _smsSent = meter.CreateCounter<long>("custorder.sms.sent", "{message}", "SMS send attempts by outcome: sent, failed (for good) or retry.");
        _smsSendDuration = meter.CreateHistogram<double>("custorder.sms.send.duration", "s", "Time the SMS gateway took to answer one send.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30] });
        meter.CreateObservableGauge("custorder.sms.outbox.pending", pending.Observe, "{message}",
            "Outbox messages not yet sent (pending or being sent); refreshed at most every Metrics:OutboxPendingRefresh.");
    }

    public void OrderCreated() => _ordersCreated.Add(1);

    /// <summary>One send's outcome ("sent", "failed", "retry") and how long the gateway took.</summary>
    public void SmsSent(string outcome, string provider, TimeSpan duration)
    {
        var tags = new TagList { { "outcome", outcome }, { "provider", provider } };
        _smsSent.Add(1, tags);
        _smsSendDuration.Record(duration.TotalSeconds, tags);
    }
}
