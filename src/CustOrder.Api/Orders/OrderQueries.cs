using System.Linq.Expressions;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Orders;

/// <summary>
/// Orders read straight into responses in two queries, however many orders: the orders with their
/// customer's and item's names (joined), then the latest SMS of just those orders (by order_id).
/// One query with the SMS as a subquery costs more: EF Core writes it as a ROW_NUMBER() over every
/// SMS row, joined afterwards, which reads the whole outbox for a page of 50.
/// </summary>
public static class OrderQueries
{
    private static readonly Expression<Func<Order, OrderResponse>> WithoutNotification = o => new OrderResponse(
        o.Id, o.CustomerId, o.Customer.FirstName, o.Customer.LastName, o.ItemId, o.Item.Name,
        o.Quantity, Money.Format(o.UnitPrice), Money.Format(o.Total), o.DateCreated, o.DateModified, null);

    // The same shape for every list, so compiled once (see ById).
    private static readonly Func<AppDbContext, Guid[], IAsyncEnumerable<(Guid OrderId, DateTimeOffset DateCreated, NotificationSummary Summary)>> NotificationsOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid[] ids) => db.SmsNotifications.AsNoTracking()
            .Where(n => ids.Contains(n.OrderId))
            .Select(n => ValueTuple.Create(n.OrderId, n.DateCreated, new NotificationSummary(n.Id, n.Status, n.Attempts, n.LastError, n.SentAt))));

    public static async Task<List<OrderResponse>> ToResponsesAsync(this IQueryable<Order> orders, AppDbContext db, CancellationToken cancellationToken)
    {
        var responses = await orders.Select(WithoutNotification).ToListAsync(cancellationToken);
        if (responses.Count == 0)
        {
            return responses;
        }

        var latest = new Dictionary<Guid, (DateTimeOffset DateCreated, NotificationSummary Summary)>(responses.Count);
        await foreach (var (orderId, dateCreated, summary) in NotificationsOf(db, [.. responses.Select(o => o.Id)]).WithCancellation(cancellationToken))
        {
            if (!latest.TryGetValue(orderId, out var seen) || dateCreated > seen.DateCreated)
            {
                latest[orderId] = (dateCreated, summary);
            }
        }

        return responses.ConvertAll(o => o with { Notification = latest.TryGetValue(o.Id, out var sms) ? sms.Summary : null });
    }
}
