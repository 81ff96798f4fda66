using Microsoft.Data.Sqlite;
using Npgsql;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// A database of its own for one test class: on PostgreSQL when CUSTORDER_TEST_POSTGRES holds a
/// connection string to a server where the role may create databases, else a SQLite file.
/// When PostgreSQL is configured it is used or the tests fail; they never fall back quietly.
/// </summary>
public sealed class TestDatabase
{
    public const string PostgresVariable = "CUSTORDER_TEST_POSTGRES";

    private TestDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    private readonly Func<Task> _drop;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool UsesPostgres => ServerConnectionString is not null;

    public string Provider { get; }

    /// <summary>The secret of the test machine client registered in this database, the same for every instance on it.</summary>
    public string MachineClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public string ConnectionString { get; }

    /// <summary>The configuration key the app reads this database from.</summary>
    public string ConnectionStringKey => $"ConnectionStrings:{Provider}";

    /// <summary>A new database; on PostgreSQL reached through 127.0.0.1:<paramref name="postgresPort"/> when given, on SQLite in <paramref name="sqliteFolder"/> when given.</summary>
    public static TestDatabase Create(int? postgresPort = null, string? sqliteFolder = null)
    {
        var name = $"custorder_test_{Guid.NewGuid():N}";
        if (ServerConnectionString is { } server)
        {
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            if (postgresPort is { } port)
            {
                builder.Host = "127.0.0.1";
                builder.Port = port;
            }

            return new TestDatabase("Postgres", builder.ConnectionString, () => DropPostgresAsync(server, name));
        }

        var path = Path.Combine(sqliteFolder ?? Path.GetTempPath(), name + ".db");
        return new TestDatabase("Sqlite", $"Data Source={path}", () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        });
    }

    public Task DropAsync() => _drop();

    private static async Task DropPostgresAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        try
        {
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not end an autovacuum worker busy in the database (it is not our role's);
            // a plain DROP stops autovacuum itself, once the app's own sessions are gone.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\"");
                    return;
                }
                catch (PostgresException inUse) when (inUse.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    await Task.Delay(250);
                }
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
