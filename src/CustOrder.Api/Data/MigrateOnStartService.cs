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
        if (!migrate)
        {
            return;
        }

        var applied = await services.MigrateDatabaseAsync(cancellationToken);
        var database = DatabaseSetup.Describe(configuration);
        LogMigrated(logger, applied.Count, database);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}")]
    private static partial void LogMigrated(ILogger logger, int count, string database);
}
