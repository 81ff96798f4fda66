using System.Diagnostics;
using CustOrder.Api.Data;
using CustOrder.Api.Observability;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Notifications;

/// <summary>
/// Sends due outbox rows through the configured gateway, one batch at a time, and records each
/// outcome: sent, failed for good, or due again after an exponential, jittered back-off.
/// A failure of the loop itself (database down) is logged and tried again; it never stops the app.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IOptions<SmsOptions> options,
    TimeProvider clock,
    OutboxSignal signal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>When the loop last completed a pass; for the readiness check.</summary>
    public DateTimeOffset? LastPass { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            LogDisabled(logger);
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var gateway = scope.ServiceProvider.GetRequiredService<ISmsGateway>().Name;
            LogGateway(logger, gateway);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DispatchBatchAsync(stoppingToken);
                LastPass = clock.GetUtcNow();
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailure(logger, failure);
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var gateway = scope.ServiceProvider.GetRequiredService<ISmsGateway>();
        var claimed = await OutboxStore.ClaimDueAsync(db, Timestamps.Now(clock), settings.Lease, settings.BatchSize, cancellationToken);
        // The provider's answer takes far longer than the database's (a round trip to another
        // continent), so one at a time would cap the rate at a few messages a second.
        // A send is not cancelled half-way by shutdown: its outcome must be recorded.
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.SendConcurrency },
            async (row, _) => await SendAsync(row, gateway, settings));
        return claimed.Count;
    }

    private async Task SendAsync(SmsNotification row, ISmsGateway gateway, SmsOptions settings)
    {
        using var span = AppTracing.StartSmsSend(row);
        var started = Stopwatch.GetTimestamp();
        var result = await gateway.SendAsync(row.Recipient, row.Message, CancellationToken.None);
        var outcome = Outcome(row, result, gateway.Name, settings);
        var outcomeName = result is SmsSendResult.Retry && outcome.Status == SmsStatus.Pending ? "retry"
            : outcome.Status == SmsStatus.Sent ? "sent" : "failed";
        AppMetrics.SmsSent(outcomeName, gateway.Name, Stopwatch.GetElapsedTime(started));
        span?.SetTag("custorder.sms.outcome", outcomeName);
        // A context per send: sends finish in any order, and a context is not for concurrent use.
        await using var scope = scopes.CreateAsyncScope();
        await OutboxStore.CompleteAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), row, outcome, CancellationToken.None);
    }

    private SmsNotification Outcome(SmsNotification row, SmsSendResult result, string provider, SmsOptions settings)
    {
        var now = Timestamps.Now(clock);
        var outcome = new SmsNotification
        {
            Recipient = row.Recipient,
            Message = row.Message,
            Provider = provider,
            DateModified = now,
            NextAttemptAt = now,
        };
        switch (result)
        {
            case SmsSendResult.Accepted accepted:
                outcome.Status = SmsStatus.Sent;
                outcome.SentAt = now;
                outcome.ProviderMessageId = accepted.MessageId;
                outcome.ProviderStatusCode = accepted.StatusCode;
                outcome.Cost = accepted.Cost;
                var masked = PhoneMask.Mask(row.Recipient);
                LogSent(logger, row.Id, masked, row.Attempts);
                break;
            case SmsSendResult.Rejected rejected:
                outcome.Status = SmsStatus.Failed;
                outcome.ProviderStatusCode = rejected.StatusCode;
                outcome.LastError = rejected.Reason;
                var recipient = PhoneMask.Mask(row.Recipient);
                LogRejected(logger, row.Id, recipient, rejected.Reason);
                break;
            case SmsSendResult.Retry retry:
                var last = row.Attempts >= settings.MaxAttempts;
                outcome.Status = last ? SmsStatus.Failed : SmsStatus.Pending;
                outcome.ProviderStatusCode = retry.StatusCode;
                outcome.LastError = retry.Reason;
                outcome.NextAttemptAt = now + Backoff.Delay(row.Attempts, settings);
                LogRetry(logger, row.Id, row.Attempts, settings.MaxAttempts, retry.Reason);
                break;
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS outbox dispatcher is off in this instance (Sms:DispatcherEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS outbox dispatcher started with the {Gateway} gateway")]
    private static partial void LogGateway(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS {Id} sent to {Recipient} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, Guid id, string recipient, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Id} to {Recipient} failed for good: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid id, string recipient, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS {Id} attempt {Attempt} of {MaxAttempts} failed: {Reason}")]
    private static partial void LogRetry(ILogger logger, Guid id, int attempt, int maxAttempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SMS outbox pass failed; trying again shortly")]
    private static partial void LogLoopFailure(ILogger logger, Exception failure);
}

public static class Backoff
{
    /// <summary>FirstRetryDelay × 2^(attempt-1), at most MaxRetryDelay, ±20% jitter so retries from many rows do not align.</summary>
    public static TimeSpan Delay(int attempt, SmsOptions options)
    {
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter, not security.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
