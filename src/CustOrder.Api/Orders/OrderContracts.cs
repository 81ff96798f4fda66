using System.Linq.Expressions;
using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Docs;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;

namespace CustOrder.Api.Orders;

public sealed record OrderResponse(
    Guid Id,
    Guid Customer,
    string CustomerFirstName,
    string CustomerLastName,
    Guid Item,
    string ItemName,
    int Quantity,
    [property: MoneyAmount] string UnitPrice,
    [property: MoneyAmount] string Total,
    DateTimeOffset DateCreated,
    DateTimeOffset DateModified,
    NotificationSummary? Notification)
{
    /// <summary>The response of an order whose customer, item and notifications are loaded (queries use <see cref="OrderQueries"/>).</summary>
    public static readonly Expression<Func<Order, OrderResponse>> Projection = o => new OrderResponse(
        o.Id, o.CustomerId, o.Customer.FirstName, o.Customer.LastName, o.ItemId, o.Item.Name,
        o.Quantity, Money.Format(o.UnitPrice), Money.Format(o.Total), o.DateCreated, o.DateModified,
        o.Notifications.OrderByDescending(n => n.DateCreated)
            .Select(n => new NotificationSummary(n.Id, n.Status, n.Attempts, n.LastError, n.SentAt))
            .FirstOrDefault());

    private static readonly Func<Order, OrderResponse> FromEntity = Projection.Compile();

    /// <summary>From an order whose customer and item are loaded.</summary>
    public static OrderResponse From(Order order) => FromEntity(order);
}

/// <summary>The writable fields of an order, read from a create (all required) or a PATCH (any subset).</summary>
public sealed record OrderInput(Guid? Customer, Guid? Item, int? Quantity)
{
    public static OrderInput Read(JsonForm form) =>
        new(form.Uuid("customer"), form.Uuid("item"), form.WholeNumber("quantity", 1, Limits.MaxQuantity));

    /// <summary>Loads the customer and item the input names; a field error for each that does not exist.</summary>
    public async Task<(Customer? Customer, Item? Item)> LoadReferencesAsync(AppDbContext db, FieldErrors errors, CancellationToken cancellationToken)
    {
        Customer? customer = null;
        Item? item = null;
        if (Customer is { } customerId)
        {
            customer = await ById<Customer>.Find(db, customerId, cancellationToken);
            if (customer is null)
            {
                errors.Add("customer", $"Customer {customerId} does not exist.");
            }
        }

        if (Item is { } itemId)
        {
            item = await ById<Item>.Find(db, itemId, cancellationToken);
            if (item is null)
            {
                errors.Add("item", $"Item {itemId} does not exist.");
            }
        }

        return (customer, item);
    }
}

/// <summary>The state of an order's (latest) confirmation SMS.</summary>
public sealed record NotificationSummary(Guid Id, SmsStatus Status, int Attempts, string? LastError, DateTimeOffset? SentAt);
