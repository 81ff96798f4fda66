using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Notifications;

/// <summary>
/// The dispatcher's queries. Claiming marks due rows <c>sending</c> with a lease, in one transaction;
/// on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so instances claiming at once take different
/// rows. SQLite has one writer at a time, which gives the same guarantee.
/// Its queries are tagged "outbox dispatcher", to be recognisable in database logs and statistics.
/// </summary>
public static class OutboxStore
{
    public const string Tag = "outbox dispatcher";

    public static async Task<List<SmsNotification>> ClaimDueAsync(AppDbContext db, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A 'sending' row whose lease ran out belongs to an instance that died mid-send.
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"""
                -- outbox dispatcher
                SELECT id AS "Value" FROM sms_notifications
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<Guid>($"""
                -- outbox dispatcher
                SELECT id AS "Value" FROM sms_notifications
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= {now.UtcTicks}
                ORDER BY next_attempt_at LIMIT {batchSize}
                """).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        var leaseEnd = now + lease;
        await db.SmsNotifications.TagWith(Tag).Where(n => ids.Contains(n.Id)).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Status, SmsStatus.Sending)
            .SetProperty(n => n.NextAttemptAt, leaseEnd)
            .SetProperty(n => n.Attempts, n => n.Attempts + 1)
            .SetProperty(n => n.DateModified, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.SmsNotifications.TagWith(Tag).AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Records an outcome, unless the lease ran out and another instance took the row over meanwhile.</summary>
    /// <remarks>
    /// The row is still this claim's while it keeps the claim's attempt count and lease end: a
    /// takeover or a retry changes both. The condition leaves the status out on purpose: with
    /// <c>status = 'sending'</c> PostgreSQL could read the row through the partial due index, and a
    /// prepared plan made while that index was small kept scanning it, bloated by a backlog, for
    /// every outcome (5 ms each, instead of a primary-key lookup).
    /// </remarks>
    public static Task<int> CompleteAsync(AppDbContext db, SmsNotification claimed, SmsNotification outcome, CancellationToken cancellationToken) =>
        db.SmsNotifications.TagWith(Tag)
            .Where(n => n.Id == claimed.Id && n.Attempts == claimed.Attempts && n.NextAttemptAt == claimed.NextAttemptAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Status, outcome.Status)
                .SetProperty(n => n.NextAttemptAt, outcome.NextAttemptAt)
                .SetProperty(n => n.LastError, outcome.LastError)
                .SetProperty(n => n.Provider, outcome.Provider)
                .SetProperty(n => n.ProviderMessageId, outcome.ProviderMessageId)
                .SetProperty(n => n.ProviderStatusCode, outcome.ProviderStatusCode)
                .SetProperty(n => n.Cost, outcome.Cost)
                .SetProperty(n => n.SentAt, outcome.SentAt)
                .SetProperty(n => n.DateModified, outcome.DateModified), cancellationToken);
}
