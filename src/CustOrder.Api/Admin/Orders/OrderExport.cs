using System.Globalization;
using System.Text;
using CustOrder.Api.Admin.Common;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Orders;

/// <summary>
/// GET /admin/orders/export.csv with the order list's filters and ordering: every matching order,
/// streamed row by row from the database to the response, so memory stays flat however many there are.
/// </summary>
public static class OrderExport
{
    private static readonly string[] Header =
    [
        "id", "date_created", "customer_first_name", "customer_last_name", "customer_phone_number", "item_name", "item_size",
        "quantity", "unit_price", "total", "sms_status",
    ];

    public static async Task WriteAsync(HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var query = ListQueries.Reader(http.Request);
        var filter = OrderFilter.Read(query);
        var ordering = query.Ordering(OrderFilter.Sortable);
        if (!query.IsValid)
        {
            await query.Errors.ToProblem().ExecuteAsync(http);
            return;
        }

        var orders = OrderFilter.Sort(filter.Apply(db.Orders.AsNoTracking()), ordering?.Field ?? "date_created", ordering?.Descending ?? true);
        var rows = orders.Select(o => new
        {
            o.Id, o.DateCreated, o.Customer.FirstName, o.Customer.LastName, o.Customer.PhoneNumber,
            ItemName = o.Item.Name, o.Item.Size, o.Quantity, o.UnitPrice, o.Total,
            Status = o.Notifications.OrderByDescending(n => n.DateCreated).Select(n => (SmsStatus?)n.Status).FirstOrDefault(),
        }).AsAsyncEnumerable();

        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{stamp}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 32 * 1024);
        await Csv.WriteLineAsync(writer, Header);
        await foreach (var o in rows.WithCancellation(cancellationToken))
        {
            await Csv.WriteLineAsync(writer,
                o.Id.ToString(), o.DateCreated.ToString("O", CultureInfo.InvariantCulture), o.FirstName, o.LastName, o.PhoneNumber,
                o.ItemName, o.Size.ToString(), o.Quantity.ToString(CultureInfo.InvariantCulture), Money.Format(o.UnitPrice),
                Money.Format(o.Total), o.Status?.ToString().ToLowerInvariant() ?? "");
        }
    }
}
