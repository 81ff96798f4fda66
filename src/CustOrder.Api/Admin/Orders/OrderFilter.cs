using System.Globalization;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;
using CustOrder.Api.Orders;

namespace CustOrder.Api.Admin.Orders;

/// <summary>The order list's filters, shared by the list page and its CSV export: the export is exactly the list.</summary>
public sealed record OrderFilter(DateOnly? From, DateOnly? To, Guid? Customer, Guid? Item, ItemSize? Size, SmsStatus? Status)
{
    public static readonly string[] Sortable = ["date_created", "quantity", "total", "customer", "item"];

    public static OrderFilter Read(QueryReader query) => new(
        Date(query, "from"), Date(query, "to"), query.Uuid("customer"), query.Uuid("item"),
        query.Choice<ItemSize>("size"), query.Choice<SmsStatus>("status"));

    /// <summary>From the start of <see cref="From"/> to the end of <see cref="To"/>, in UTC.</summary>
    public IQueryable<Order> Apply(IQueryable<Order> orders)
    {
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            orders = orders.Where(o => o.DateCreated >= start);
        }

        // The last day there is has no day after it to end before: it bounds nothing.
        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            orders = orders.Where(o => o.DateCreated < end);
        }

        if (Customer is { } customer)
        {
            orders = orders.Where(o => o.CustomerId == customer);
        }

        if (Item is { } item)
        {
            orders = orders.Where(o => o.ItemId == item);
        }

        if (Size is { } size)
        {
            orders = orders.Where(o => o.Item.Size == size);
        }

        if (Status is { } status)
        {
            // The order's latest SMS, the one its list row shows.
            orders = orders.Where(o => o.Notifications.OrderByDescending(n => n.DateCreated).Select(n => (SmsStatus?)n.Status).FirstOrDefault() == status);
        }

        return orders;
    }

    public static IQueryable<Order> Sort(IQueryable<Order> orders, string field, bool descending) => field switch
    {
        "quantity" => orders.SortBy(o => o.Quantity, descending),
        "total" => orders.SortBy(o => o.Total, descending),
        "customer" => orders.SortBy(o => o.Customer.LastName, descending),
        "item" => orders.SortBy(o => o.Item.Name, descending),
        _ => orders.SortBy(o => o.DateCreated, descending),
    };

    private static DateOnly? Date(QueryReader query, string name)
    {
        var text = query.Text(name, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        query.Errors.Add(name, "Must be a date such as 2026-12-01.");
        return null;
    }
}
