using System.Text.Json;
using CustOrder.Api.Data;
using CustOrder.Api.Notifications;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (for restarts). <c>/health/ready</c>: it can do its work:
/// database reachable and migrated, SMS dispatcher loop alive (for load balancers). JSON lists each check.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Ready])
            .AddCheck<DispatcherAliveCheck>("sms_dispatcher", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // GET (and HEAD) only: a probe that POSTs is a mistake worth a 405.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteJsonAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).ExcludeFromDescription();
        return app;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                duration_ms = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            }),
        }, cancellationToken: context.RequestAborted);
    }
}

/// <summary>
/// Reachable and migrated, answered within <c>Health:DatabaseTimeout</c> (3 s by default): a load
/// balancer needs a quick no, not a connection attempt that hangs until the driver gives up.
/// </summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = configuration.GetValue("Health:DatabaseTimeout", TimeSpan.FromSeconds(3));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync as well: a driver that ignores cancellation while connecting still cannot hold the probe.
            return await CheckAsync(deadline.Token).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception failure) when (failure is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Unreachable: no answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The message, not the exception: connection strings must not reach the response.
            return HealthCheckResult.Unhealthy($"Unreachable: {failure.GetType().Name}.");
        }
    }

    /// <summary>In a scope of its own: after a timeout it may still be running, and its context must not be disposed under it.</summary>
    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("Unreachable.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy("Reachable and migrated.")
            : HealthCheckResult.Unhealthy($"{pending} migration(s) pending: run the 'migrate' command.");
    }
}

internal sealed class DispatcherAliveCheck(OutboxDispatcher dispatcher, IOptions<SmsOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Off in this instance."));
        }

        // Healthy while the loop has completed a pass recently (it passes at least every PollInterval).
        var stale = TimeSpan.FromSeconds(30) + options.Value.PollInterval;
        var result = dispatcher.LastPass is { } last && clock.GetUtcNow() - last < stale
            ? HealthCheckResult.Healthy($"Last pass {(clock.GetUtcNow() - last).TotalSeconds:0.0} s ago.")
            : HealthCheckResult.Unhealthy(dispatcher.LastPass is null ? "No completed pass yet." : "No pass for over 30 s.");
        return Task.FromResult(result);
    }
}
