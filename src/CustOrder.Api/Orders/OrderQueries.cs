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

    public static async Task<List<OrderResponse>> ToResponsesAsync(this IQueryable<Order> orders, AppDbContext db, CancellationToken cancellationToken)
    {
        var responses = await orders.Select(WithoutNotification).ToListAsync(cancellationToken);
        if (responses.Count == 0)
        {
            return responses;
        }

        var ids = responses.ConvertAll(o => o.Id);
        var notifications = await db.SmsNotifications.AsNoTracking()
            .Where(n => ids.Contains(n.OrderId))
            .Select(n => new { n.OrderId, n.DateCreated, Summary = new NotificationSummary(n.Id, n.Status, n.Attempts, n.LastError, n.SentAt) })
            .ToListAsync(cancellationToken);
        var latest = notifications.GroupBy(n => n.OrderId)
            .ToDictionary(group => group.Key, group => group.MaxBy(n => n.DateCreated)!.Summary);
        return responses.ConvertAll(o => o with { Notification = latest.GetValueOrDefault(o.Id) });
    }
}
