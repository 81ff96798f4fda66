using System.Diagnostics;
using CustOrder.Api.Notifications;

namespace CustOrder.Api.Observability;

/// <summary>
/// The app's own spans. An order's outbox row keeps the W3C <c>traceparent</c> of the request that
/// created it, so the dispatcher's send, seconds or hours later and on any instance, joins that trace.
/// </summary>
public static class AppTracing
{
    public const string SourceName = "CustOrder";

    public const string SmsSendActivity = "sms send";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current span's context as a W3C traceparent (55 characters), or null outside a W3C trace.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { Length: TraceParentLength } id } ? id : null;

    public const int TraceParentLength = 55;

    /// <summary>A span for sending one outbox row, the child of the order request's span when the row carries its traceparent.</summary>
    public static Activity? StartSmsSend(SmsNotification row)
    {
        var parent = ActivityContext.TryParse(row.TraceParent, null, isRemote: true, out var context) ? context : default;
        var activity = Source.StartActivity(SmsSendActivity, ActivityKind.Consumer, parent);
        activity?.SetTag("custorder.sms.id", row.Id.ToString());
        activity?.SetTag("custorder.order.id", row.OrderId.ToString());
        activity?.SetTag("custorder.sms.attempt", row.Attempts);
        return activity;
    }
}
