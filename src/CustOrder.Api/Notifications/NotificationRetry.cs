using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Notifications;

/// <summary>Re-queues a failed SMS: for POST /api/v1/notifications/{id}/retry and the back-office's Retry button.</summary>
public static class NotificationRetry
{
    /// <summary>
    /// Puts a failed SMS back in the queue, due now, with a fresh count of attempts, and wakes the
    /// dispatcher. Returns the row as it is now (null when unknown) and whether it was re-queued
    /// (only a failed one is).
    /// </summary>
    public static async Task<(NotificationResponse? Row, bool Requeued)> RequeueAsync(
        AppDbContext db, Guid id, TimeProvider clock, OutboxSignal outbox, CancellationToken cancellationToken)
    {
        var now = Timestamps.Now(clock);
        var requeued = await db.SmsNotifications.Where(n => n.Id == id && n.Status == SmsStatus.Failed)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, SmsStatus.Pending)
                .SetProperty(n => n.Attempts, 0)
                .SetProperty(n => n.NextAttemptAt, now)
                .SetProperty(n => n.DateModified, now), cancellationToken);
        var row = await db.SmsNotifications.AsNoTracking().Where(n => n.Id == id).Select(NotificationResponse.Projection).FirstOrDefaultAsync(cancellationToken);
        if (requeued > 0)
        {
            outbox.Notify();
        }

        return (row, requeued > 0);
    }

    public static string NotRetryable(SmsStatus status) =>
        $"Only a failed SMS can be retried; this one is {status.ToString().ToLowerInvariant()}.";
}
