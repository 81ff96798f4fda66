using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;

namespace CustOrder.Api.Orders;

public sealed class Order : Entity
{
    public Guid CustomerId { get; private set; }

    public Customer Customer { get; private set; } = null!;

    public Guid ItemId { get; private set; }

    public Item Item { get; private set; } = null!;

    public int Quantity { get; private set; }

    /// <summary>The item's price when the order was placed or its item last changed.</summary>
    public decimal UnitPrice { get; private set; }

    /// <summary>UnitPrice × Quantity, stored so that lists can sort and filter on it.</summary>
    public decimal Total { get; private set; }

    /// <summary>Its confirmation SMS (normally one; more if it was re-sent).</summary>
    public ICollection<SmsNotification> Notifications { get; } = [];

    /// <summary>
    /// Applies the given changes. The unit price is taken from the item only when the item changes,
    /// so a later change to the item's price never rewrites this order.
    /// </summary>
    public void Change(Customer? customer, Item? item, int? quantity)
    {
        if (customer is not null)
        {
            Customer = customer;
            CustomerId = customer.Id;
        }

        if (item is not null && item.Id != ItemId)
        {
            Item = item;
            ItemId = item.Id;
            UnitPrice = item.Price;
        }

        Quantity = quantity ?? Quantity;
        Total = UnitPrice * Quantity;
    }
}
