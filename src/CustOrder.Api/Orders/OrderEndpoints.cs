using System.Globalization;
using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using CustOrder.Api.Docs;
using CustOrder.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using CustOrder.Api.Notifications;
using CustOrder.Api.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Orders;

public static class OrderEndpoints
{
    private static readonly string[] Orderings = ["date_created", "date_modified", "quantity", "unit_price", "total"];

    // An order with what its answer shows: customer, item and SMS (compiled once, as ById).
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Order?>> FindWhole = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, CancellationToken _) => db.Orders.Include(o => o.Customer).Include(o => o.Item).Include(o => o.Notifications)
            .FirstOrDefault(o => o.Id == id));

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Order?>> ReadWhole = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, CancellationToken _) => db.Orders.AsNoTracking().Include(o => o.Customer).Include(o => o.Item).Include(o => o.Notifications)
            .FirstOrDefault(o => o.Id == id));

    private static readonly Func<AppDbContext, string, CancellationToken, Task<IdempotencyKey?>> ReadIdempotencyKey = EF.CompileAsyncQuery(
        (AppDbContext db, string id, CancellationToken _) => db.IdempotencyKeys.AsNoTracking().FirstOrDefault(k => k.Id == id));

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireScopes("orders");
        group.MapGet("", List).Documented("listOrders", "List orders", "Newest first unless ordered otherwise.")
            .DocumentsList(Orderings, ApiParameter.Uuid("customer", "Only this customer's orders."), ApiParameter.Uuid("item", "Only orders of this item."),
                ApiParameter.Timestamp("created_after", "Only orders created at or after this time."),
                ApiParameter.Timestamp("created_before", "Only orders created before this time."));
        group.MapPost("", Create).Documented("createOrder", "Place an order",
                "The unit price is the item's price now; the confirmation SMS is queued in the same transaction. "
                + "With an Idempotency-Key, a repeated request returns the first one's order (Idempotent-Replayed: true).")
            .DocumentsBody<NewOrder>(partial: false).WithMetadata(ApiParameter.IdempotencyKey)
            .DocumentsResponse(400, "Bad input (field errors under errors: unknown customer or item, wrong types, ...), or a malformed Idempotency-Key.")
            .DocumentsResponse(409, "The order created with this Idempotency-Key has since been deleted.")
            .DocumentsResponse(422, "This Idempotency-Key was used with a different order.");
        group.MapGet("/{id:guid}", Get).Documented("getOrder", "Get an order", "With the state of its latest confirmation SMS.").DocumentsGetOne();
        group.MapPatch("/{id:guid}", Update).Documented("updateOrder", "Change an order",
                "A new item re-prices the order at that item's price now; changing only the quantity keeps the unit price.")
            .DocumentsBody<OrderChanges>(partial: true).DocumentsConditionalWrite();
        group.MapDelete("/{id:guid}", Delete).Documented("deleteOrder", "Delete an order").DocumentsConditionalWrite();
        return app;
    }

    private static async Task<Results<Ok<Page<OrderResponse>>, ProblemHttpResult>> List(
        HttpRequest request, AppDbContext db, ListCounter counter, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var page = query.Page();
        var customer = query.Uuid("customer");
        var item = query.Uuid("item");
        var createdAfter = query.Timestamp("created_after");
        var createdBefore = query.Timestamp("created_before");
        var ordering = query.Ordering(Orderings);
        if (!query.IsValid)
        {
            return query.Errors.ToProblem();
        }

        var orders = db.Orders.AsNoTracking();
        if (customer is not null)
        {
            orders = orders.Where(o => o.CustomerId == customer);
        }

        if (item is not null)
        {
            orders = orders.Where(o => o.ItemId == item);
        }

        if (createdAfter is not null)
        {
            orders = orders.Where(o => o.DateCreated >= createdAfter);
        }

        if (createdBefore is not null)
        {
            orders = orders.Where(o => o.DateCreated < createdBefore);
        }

        var count = await counter.CountAsync(
            string.Create(CultureInfo.InvariantCulture, $"orders?customer={customer}&item={item}&after={createdAfter:O}&before={createdBefore:O}"),
            orders, cancellationToken);
        var descending = ordering?.Descending ?? true;
        IOrderedQueryable<Order> Sorted(bool descending) => ordering?.Field switch
        {
            "quantity" => orders.SortBy(o => o.Quantity, descending),
            "unit_price" => orders.SortBy(o => o.UnitPrice, descending),
            "total" => orders.SortBy(o => o.Total, descending),
            "date_modified" => orders.SortBy(o => o.DateModified, descending),
            _ => orders.SortBy(o => o.DateCreated, descending),
        };
        List<OrderResponse> results;
        if (count.ReadFromEnd(page))
        {
            var (skip, take) = count.FromEnd(page);
            results = await Sorted(!descending).Skip(skip).Take(take).ToResponsesAsync(db, cancellationToken);
            results.Reverse();
        }
        else
        {
            results = await Sorted(descending).Skip(page.Offset).Take(page.Limit).ToResponsesAsync(db, cancellationToken);
        }

        return TypedResults.Ok(Pages.Create(request, page, count.Value, results));
    }

    /// <summary>
    /// The order takes the item's current price as its unit price. Its confirmation SMS is written
    /// to the outbox in the same transaction: the SMS provider never delays or fails the order.
    /// With an Idempotency-Key, a repeated request returns the first one's order.
    /// </summary>
    private static async Task<Results<Created<OrderResponse>, ProblemHttpResult>> Create(
        HttpContext http, AppDbContext db, IOptions<SmsOptions> sms, TimeProvider clock, OutboxSignal outbox, CancellationToken cancellationToken)
    {
        var keys = http.Request.Headers[IdempotencyKey.Header];
        var key = keys.ToString();
        if (keys.Count > 1 || (http.Request.Headers.ContainsKey(IdempotencyKey.Header) && !IdempotencyKey.IsWellFormed(key)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key.",
                detail: "Send one Idempotency-Key header of 1 to 200 visible ASCII characters, such as a UUID.");
        }

        var (input, problem) = await RequestBody.ReadAsync(http.Request, partial: false, OrderInput.Read, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var keyId = key.Length > 0 ? IdempotencyKey.IdFor(http.User.FindFirst("sub")?.Value ?? "", key) : null;
        if (keyId is not null && await ReplayAsync(http, db, keyId, input, cancellationToken) is { } replay)
        {
            return replay;
        }

        var errors = new FieldErrors();
        var (customer, item) = await input.LoadReferencesAsync(db, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        var order = OrderPlacement.Add(db, customer!, item!, input.Quantity!.Value, sms.Value, clock);
        if (keyId is not null)
        {
            db.IdempotencyKeys.Add(new IdempotencyKey { Id = keyId, RequestHash = IdempotencyKey.HashOf(input), OrderId = order.Id, DateCreated = Timestamps.Now(clock) });
        }

        try
        {
            await SaveInOneBatchAsync(db, cancellationToken);
        }
        catch (DbUpdateException) when (keyId is not null)
        {
            // The same key raced in from another request, which won: answer as a replay of it.
            db.ChangeTracker.Clear();
            return await ReplayAsync(http, db, keyId, input, cancellationToken) ?? throw new InvalidOperationException("Idempotency key conflict without a stored key.");
        }

        AppMetrics.OrderCreated();
        outbox.Notify();
        Preconditions.SetETag(http.Response, order);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", OrderResponse.From(order));
    }

    /// <summary>
    /// Saves the order with its outbox row (and idempotency key). On PostgreSQL, without BEGIN and
    /// COMMIT: EF Core sends the inserts as one batch, which PostgreSQL runs as one implicit
    /// transaction (all or nothing), so an explicit one only cost two statements and a round trip.
    /// SQLite runs each statement on its own, so there the transaction stays.
    /// </summary>
    private static async Task SaveInOneBatchAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var before = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = before;
        }
    }

    /// <summary>The stored answer for a key already used: the same order, or 422 when the key came with another order.</summary>
    private static async Task<Results<Created<OrderResponse>, ProblemHttpResult>?> ReplayAsync(
        HttpContext http, AppDbContext db, string keyId, OrderInput input, CancellationToken cancellationToken)
    {
        var stored = await ReadIdempotencyKey(db, keyId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.RequestHash != IdempotencyKey.HashOf(input))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                detail: "This Idempotency-Key was used with a different order. Use a new key for a new order.");
        }

        var order = (await db.Orders.AsNoTracking().Where(o => o.Id == stored.OrderId).ToResponsesAsync(db, cancellationToken)).FirstOrDefault();
        if (order is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency-Key used.",
                detail: "The order created with this Idempotency-Key has since been deleted. Use a new key for a new order.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
    }

    private static Task<Results<Ok<OrderResponse>, StatusCodeHttpResult, NotFound>> Get(
        Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        EntityEndpoints.GetAsync(db, ReadWhole, id, http, OrderResponse.From, cancellationToken);

    /// <summary>Changing the item re-prices the order at that item's current price; changing only the quantity keeps the unit price.</summary>
    private static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> Update(
        Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var order = await FindWhole(db, id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.WriteRefused(http.Request, order))
        {
            return Preconditions.Failed();
        }

        var (input, problem) = await RequestBody.ReadAsync(http.Request, partial: true, OrderInput.Read, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var (customer, item) = await input.LoadReferencesAsync(db, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem();
        }

        order.Change(customer, item, input.Quantity);
        await db.SaveChangesAsync(cancellationToken);
        Preconditions.SetETag(http.Response, order);
        return TypedResults.Ok(OrderResponse.From(order));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var order = await ById<Order>.Find(db, id, cancellationToken);
        if (order is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.WriteRefused(request, order))
        {
            return Preconditions.Failed();
        }

        db.Orders.Remove(order);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
