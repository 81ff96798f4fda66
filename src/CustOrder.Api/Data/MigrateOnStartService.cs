using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Data;

/// <summary>
/// Applies migrations before the server takes requests: always in Development, elsewhere only
/// when <c>Database:MigrateOnStart=true</c> (production deployments run the <c>migrate</c> command).
/// </summary>
internal sealed partial class MigrateOnStartService(
    IServiceProvider services,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<MigrateOnStartService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrate = configuration.GetValue<bool?>("Database:MigrateOnStart") ?? environment.IsDevelopment();
        var database = DatabaseSetup.Describe(configuration);
        if (migrate)
        {
            var applied = await services.MigrateDatabaseAsync(cancellationToken);
            LogMigrated(logger, applied.Count, database);
            return;
        }

        // Not ours to change: say so clearly instead of failing later on a missing table.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            LogPending(logger, pending, database);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}")]
    private static partial void LogMigrated(ILogger logger, int count, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Database} has {Count} pending migration(s): run the 'migrate' command, or set Database:MigrateOnStart=true")]
    private static partial void LogPending(ILogger logger, int count, string database);
}
