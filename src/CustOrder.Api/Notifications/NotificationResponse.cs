using System.Linq.Expressions;

namespace CustOrder.Api.Notifications;

public sealed record NotificationResponse(
    Guid Id,
    Guid Order,
    string Recipient,
    string Message,
    SmsStatus Status,
    int Attempts,
    string? LastError,
    string? Provider,
    string? ProviderMessageId,
    int? ProviderStatusCode,
    string? Cost,
    DateTimeOffset DateCreated,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt)
{
    public static readonly Expression<Func<SmsNotification, NotificationResponse>> Projection = n => new NotificationResponse(
        n.Id, n.OrderId, n.Recipient, n.Message, n.Status, n.Attempts, n.LastError, n.Provider, n.ProviderMessageId,
        n.ProviderStatusCode, n.Cost, n.DateCreated, n.SentAt, n.DeliveredAt);
}
