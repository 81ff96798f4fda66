using CustOrder.Api.Admin.Common;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Notifications;
using CustOrder.Api.Observability;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Admin.Orders;

/// <summary>An order: its form (placed and priced exactly as the API does it), its SMS notifications and their Retry buttons.</summary>
public sealed class EditModel(AppDbContext db, IOptions<SmsOptions> sms, TimeProvider clock, OutboxSignal outbox) : EntityEditPage<Order>(db)
{
    private static readonly string[] FieldNames = ["customer", "item", "quantity"];

    protected override IReadOnlyList<string> Fields => FieldNames;

    protected override string[] IntegerFields => ["quantity"];

    public override string Noun => "order";

    public override string ListPath => "/admin/orders/";

    public OrderChoices Choices { get; private set; } = new([], []);

    public List<NotificationResponse> Notifications { get; private set; } = [];

    protected override IQueryable<Order> Query => Db.Orders.Include(o => o.Customer).Include(o => o.Item);

    protected override Dictionary<string, string> ValuesOf(Order order) => new()
    {
        ["customer"] = order.CustomerId.ToString(), ["item"] = order.ItemId.ToString(),
        ["quantity"] = order.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override async Task<Order?> ApplyAsync(JsonForm form, Order? existing, CancellationToken cancellationToken)
    {
        var input = OrderInput.Read(form);
        if (!form.IsValid)
        {
            return null;
        }

        var (customer, item) = await input.LoadReferencesAsync(Db, form.Errors, cancellationToken);
        if (!form.IsValid)
        {
            return null;
        }

        if (existing is null)
        {
            return OrderPlacement.Add(Db, customer!, item!, input.Quantity!.Value, sms.Value, clock);
        }

        existing.Change(customer, item, input.Quantity);
        return existing;
    }

    protected override void Saved(Order order, bool created)
    {
        if (created)
        {
            AppMetrics.OrderCreated();
            outbox.Notify();
        }
    }

    protected override string SavedPath(Order order) => $"/admin/orders/{order.Id}";

    protected override async Task LoadExtrasAsync(CancellationToken cancellationToken)
    {
        Choices = await OrderChoices.LoadAsync(Db, cancellationToken);
        if (Existing is { } order)
        {
            Notifications = await Db.SmsNotifications.AsNoTracking().Where(n => n.OrderId == order.Id)
                .OrderByDescending(n => n.DateCreated).Select(NotificationResponse.Projection).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The Retry button of a failed SMS: POST /api/v1/notifications/{id}/retry's logic.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, Guid notification, CancellationToken cancellationToken)
    {
        var belongs = await Db.SmsNotifications.AnyAsync(n => n.Id == notification && n.OrderId == id, cancellationToken);
        if (!belongs)
        {
            return NotFound();
        }

        var (row, requeued) = await NotificationRetry.RequeueAsync(Db, notification, clock, outbox, cancellationToken);
        Flash = requeued ? "The SMS is queued to be sent again." : NotificationRetry.NotRetryable(row!.Status);
        return Redirect($"/admin/orders/{id}");
    }
}
