using CustOrder.Tests.Infrastructure;
using Npgsql;

[assembly: AssemblyFixture(typeof(DatabaseReport))]

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// Says once, in the test run's output, which database the suite runs on; with PostgreSQL it
/// connects first and names the server version, so a run that claims PostgreSQL has reached it.
/// </summary>
public sealed class DatabaseReport : IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        string line;
        if (TestDatabase.ServerConnectionString is { } server)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            line = $"CustOrder tests run on PostgreSQL {connection.PostgreSqlVersion} at {connection.Host}:{connection.Port} (from {TestDatabase.PostgresVariable}).";
        }
        else
        {
            line = $"CustOrder tests run on SQLite (set {TestDatabase.PostgresVariable} to run them on PostgreSQL).";
        }

        TestContext.Current.SendDiagnosticMessage(line);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
