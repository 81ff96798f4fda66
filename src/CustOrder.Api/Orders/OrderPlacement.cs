using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;

namespace CustOrder.Api.Orders;

/// <summary>A new order and its confirmation SMS, for the API and the back-office alike.</summary>
public static class OrderPlacement
{
    /// <summary>
    /// Adds the order, priced at the item's current price, and its outbox row to the context: the
    /// caller's one SaveChangesAsync writes both in one transaction, then it signals the outbox.
    /// </summary>
    public static Order Add(AppDbContext db, Customer customer, Item item, int quantity, SmsOptions sms, TimeProvider clock)
    {
        var order = new Order();
        order.Change(customer, item, quantity);
        order.Notifications.Add(OrderSms.For(order, sms, clock));
        db.Orders.Add(order);
        return order;
    }
}
