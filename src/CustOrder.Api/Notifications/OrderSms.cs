using System.Globalization;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Observability;
using CustOrder.Api.Orders;

namespace CustOrder.Api.Notifications;

/// <summary>The order confirmation message and its outbox row.</summary>
public static class OrderSms
{
    public static SmsNotification For(Order order, SmsOptions options, TimeProvider clock)
    {
        var now = Timestamps.Now(clock);
        var text = options.MessageTemplate
            .Replace("{first_name}", order.Customer.FirstName, StringComparison.Ordinal)
            .Replace("{last_name}", order.Customer.LastName, StringComparison.Ordinal)
            .Replace("{quantity}", order.Quantity.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{item_name}", order.Item.Name, StringComparison.Ordinal)
            .Replace("{currency}", options.Currency, StringComparison.Ordinal)
            .Replace("{total}", Money.Format(order.Total), StringComparison.Ordinal);
        return new SmsNotification
        {
            OrderId = order.Id,
            Recipient = order.Customer.PhoneNumber,
            Message = text,
            NextAttemptAt = now,
            DateCreated = now,
            DateModified = now,
            TraceParent = AppTracing.CurrentTraceParent(),
        };
    }
}
