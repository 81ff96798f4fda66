using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Notifications;

public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/orders").WithTags("Orders").RequireScopes("orders")
            .MapGet("/{id:guid}/notifications", ListForOrder);
        app.MapGroup("/api/v1/notifications").WithTags("Orders").RequireScopes("orders")
            .MapPost("/{id:guid}/retry", Retry);
        app.MapPost("/webhooks/africastalking/delivery", DeliveryReport).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<List<NotificationResponse>>, NotFound>> ListForOrder(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var rows = await db.SmsNotifications.AsNoTracking().Where(n => n.OrderId == id)
            .OrderByDescending(n => n.DateCreated).Select(NotificationResponse.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    /// <summary>Puts a failed SMS back in the queue, due now, with a fresh count of attempts.</summary>
    private static async Task<Results<Ok<NotificationResponse>, NotFound, ProblemHttpResult>> Retry(
        Guid id, AppDbContext db, TimeProvider clock, OutboxSignal outbox, CancellationToken cancellationToken)
    {
        var (row, requeued) = await NotificationRetry.RequeueAsync(db, id, clock, outbox, cancellationToken);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        return requeued
            ? TypedResults.Ok(row)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: NotificationRetry.NotRetryable(row.Status));
    }

    /// <summary>
    /// Africa's Talking's delivery report callback. The token in the URL is the shared secret; an
    /// unknown message id is acknowledged and ignored, so the provider does not retry it forever.
    /// </summary>
    private static async Task<IResult> DeliveryReport(HttpRequest request, AppDbContext db, IOptions<SmsOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var expected = options.Value.AfricasTalking.DeliveryReportToken;
        var given = request.Query["token"].ToString();
        if (string.IsNullOrEmpty(expected) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.", detail: "Missing or wrong token.");
        }

        if (!request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type.", detail: "Send the report as a form.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var messageId = form["id"].ToString();
        var status = form["status"].ToString();
        if (messageId.Length is 0 or > 100)
        {
            return Results.Ok();
        }

        var now = Timestamps.Now(clock);
        if (status == "Success")
        {
            await db.SmsNotifications.Where(n => n.ProviderMessageId == messageId && n.Status == SmsStatus.Sent)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.Status, SmsStatus.Delivered).SetProperty(n => n.DeliveredAt, now).SetProperty(n => n.DateModified, now), cancellationToken);
        }
        else if (status is "Failed" or "Rejected")
        {
            var reason = $"Delivery {status.ToLowerInvariant()}: {form["failureReason"]}";
            reason = reason.Length > 500 ? reason[..500] : reason;
            await db.SmsNotifications.Where(n => n.ProviderMessageId == messageId && (n.Status == SmsStatus.Sent || n.Status == SmsStatus.Delivered))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.Status, SmsStatus.Failed).SetProperty(n => n.LastError, reason).SetProperty(n => n.DateModified, now), cancellationToken);
        }

        return Results.Ok();
    }
}
