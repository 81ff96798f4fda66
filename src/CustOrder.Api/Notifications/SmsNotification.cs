using System.Text.Json.Serialization;
using CustOrder.Api.Orders;

namespace CustOrder.Api.Notifications;

/// <summary>
/// An order confirmation SMS in the transactional outbox: written in the same transaction as its
/// order, sent later by <see cref="OutboxDispatcher"/>, so the provider can neither lose nor block an order.
/// </summary>
public sealed class SmsNotification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrderId { get; init; }

    public Order? Order { get; init; }

    /// <summary>E.164.</summary>
    public required string Recipient { get; init; }

    public required string Message { get; init; }

    public SmsStatus Status { get; set; } = SmsStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>When a pending row is next due; for a row being sent, when its lease runs out.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public string? Provider { get; set; }

    public string? ProviderMessageId { get; set; }

    public int? ProviderStatusCode { get; set; }

    public string? Cost { get; set; }

    public DateTimeOffset DateCreated { get; init; }

    public DateTimeOffset DateModified { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The W3C traceparent of the request that created the order, so its send joins that trace.</summary>
    public string? TraceParent { get; init; }
}

/// <summary>Written in lower case on the wire and in the database, as the original's statuses were.</summary>
public enum SmsStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,
    [JsonStringEnumMemberName("sending")]
    Sending,
    [JsonStringEnumMemberName("sent")]
    Sent,
    [JsonStringEnumMemberName("delivered")]
    Delivered,
    [JsonStringEnumMemberName("failed")]
    Failed,
}
