using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustOrder.Api.Data;

public static partial class DatabaseSetup
{
    public const string DefaultSqliteConnectionString = "Data Source=custorder.db";

    /// <summary>
    /// Registers both provider contexts and resolves <see cref="AppDbContext"/> to PostgreSQL when
    /// <c>ConnectionStrings:Postgres</c> is set, else to SQLite. The choice is read when a context
    /// is first resolved, so configuration added late (tests, user secrets) still counts.
    /// </summary>
    /// <remarks>
    /// Contexts are pooled: building a context's options and services for every request was most of
    /// a simple read's CPU time (see bench/README.md).
    /// </remarks>
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddDbContextPool<PostgresAppDbContext>((sp, options) => options
            .UseNpgsql(PostgresConnectionString(sp.GetRequiredService<IConfiguration>()))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddDbContextPool<SqliteAppDbContext>((sp, options) => options
            .UseSqlite(SqliteConnectionString(sp.GetRequiredService<IConfiguration>()))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetServices<IInterceptor>().Append(new SqliteUnicodeLower())));
        services.AddDbContext<KeyRingDbContext>((sp, options) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            _ = UsesPostgres(configuration)
                ? options.UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString(configuration)) { Multiplexing = false }.ConnectionString)
                : options.UseSqlite(SqliteConnectionString(configuration));
            options.UseSnakeCaseNamingConvention();
        });
        services.AddScoped<AppDbContext>(sp => UsesPostgres(sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<PostgresAppDbContext>()
            : sp.GetRequiredService<SqliteAppDbContext>());
        services.AddHostedService<MigrateOnStartService>();
        return services;
    }

    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));

    private static string PostgresConnectionString(IConfiguration configuration) =>
        WithPostgresDefaults(configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set."));

    /// <summary>
    /// Npgsql settings the app's use of PostgreSQL wants, unless the connection string sets them:
    /// <c>No Reset On Close</c>, as the app keeps no session state (no SET, LISTEN, temporary tables or
    /// session locks) and the reset was a fifth of the database's work for a simple read;
    /// <c>Max Auto Prepare</c>, so the statements it repeats are parsed and planned once per connection;
    /// <c>Multiplexing</c>, so concurrent requests share a few connections and their statements
    /// reach the server together: a single-row read cost the database half as much CPU, and the app
    /// read 1.4× as many customers a second (bench/README.md); it runs commands only asynchronously
    /// outside a transaction, so the key ring has its own context (<see cref="KeyRingDbContext"/>);
    /// and <c>Options</c> with <c>random_page_cost=1.1</c>, the planner's cost of a random read on
    /// SSDs or cached data, in place of its spinning-disk default of 4. With that default the order list joined a page
    /// of 50 orders to their customers by reading the whole customers table (up to some 20,000
    /// customers), 1.9 ms a page instead of 0.13 ms.
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("multiplexing"))
        {
            builder.Multiplexing = true;
        }

        // "Options=" with nothing after it also counts as set: the way to send no options (PgBouncer refuses them).
        if (!given.Contains("options") && !EmptyOptions().IsMatch(connectionString))
        {
            builder.Options = "-c random_page_cost=1.1";
        }

        return builder.ConnectionString;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|;)\s*options\s*=\s*(;|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex EmptyOptions();

    private static string SqliteConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        return string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured;
    }

    /// <summary>Applies pending migrations of the configured provider; returns the names applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while a request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }

    /// <summary>A short description of where the data lives, without credentials.</summary>
    public static string Describe(IConfiguration configuration)
    {
        if (UsesPostgres(configuration))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString(configuration));
            return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }

        var sqlite = new SqliteConnectionStringBuilder(SqliteConnectionString(configuration));
        return $"SQLite file {Path.GetFullPath(sqlite.DataSource)}";
    }
}
