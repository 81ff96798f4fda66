using System.Diagnostics.Metrics;
using CustOrder.Api.Data;
using CustOrder.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Observability;

/// <summary>
/// The size of the SMS outbox, for <c>custorder.sms.outbox.pending</c>. A scrape never waits for the
/// database: it reports the last count and, when that is older than <c>Metrics:OutboxPendingRefresh</c>
/// (15 s by default), starts one count in the background for the next scrape. So however many
/// scrapers ask and however often, the database sees at most one COUNT per interval, and none while
/// nobody scrapes.
/// </summary>
public sealed partial class OutboxPendingGauge(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<OutboxPendingGauge> logger)
{
    private readonly TimeSpan _refresh = configuration.GetValue("Metrics:OutboxPendingRefresh", TimeSpan.FromSeconds(15));
    private long? _count;
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;
    private int _counting;

    /// <summary>The observable gauge's callback: the last count, if there is one yet.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        if (clock.GetUtcNow() - _countedAt >= _refresh && Interlocked.CompareExchange(ref _counting, 1, 0) == 0)
        {
            _ = Task.Run(CountAsync);
        }

        return _count is { } count ? [new Measurement<long>(count)] : [];
    }

    private async Task CountAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            _count = await db.SmsNotifications.TagWith("outbox pending gauge")
                .LongCountAsync(n => n.Status == SmsStatus.Pending || n.Status == SmsStatus.Sending, timeout.Token);
            _countedAt = clock.GetUtcNow();
        }
        catch (Exception failure)
        {
            // Keep the last count; a database outage shows on /health/ready, not as a wrong number here.
            _countedAt = clock.GetUtcNow();
            LogCountFailed(logger, failure.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _counting, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the SMS outbox for the pending gauge: {Error}")]
    private static partial void LogCountFailed(ILogger logger, string error);
}
