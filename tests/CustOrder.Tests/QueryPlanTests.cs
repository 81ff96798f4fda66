using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CustOrder.Api.Notifications;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustOrder.Tests;

/// <summary>The plans of the queries whose cost must not grow with a table, read from the database itself.</summary>
public sealed partial class QueryPlanTests(RecordingApiFactory app) : IClassFixture<RecordingApiFactory>
{
    [Fact]
    public async Task The_dispatcher_records_an_outcome_through_the_primary_key_even_in_a_prepared_generic_plan()
    {
        var shop = new Shop(app.CreateApiClient());
        await shop.OrderAsync(await shop.CustomerAsync(), await shop.ItemAsync());
        var (sql, values) = await OutcomeStatementAsync();

        var plan = await GenericPlanAsync(sql, values);

        // The primary key finds the one row; the partial due index would be read whole, and a
        // prepared plan keeps the choice it made while that index was small, whatever it grows to.
        Assert.Contains(app.Database.Provider == "Postgres" ? "pk_sms_notifications" : "sqlite_autoindex_sms_notifications_1 (id=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("ix_sms_notifications_due", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dispatcher_reads_rows_to_send_in_due_order_from_its_partial_index_without_sorting()
    {
        // The claim query of OutboxStore.ClaimDueAsync, with a fixed time and batch size.
        var postgres = app.Database.Provider == "Postgres";
        var due = postgres ? "'2030-01-01T00:00:00Z'" : DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var claim = $"""
            SELECT id FROM sms_notifications WHERE status IN ('pending', 'sending') AND next_attempt_at <= {due}
            ORDER BY next_attempt_at LIMIT 20{(postgres ? " FOR UPDATE SKIP LOCKED" : "")}
            """;

        var plan = await PlanAsync(claim);

        Assert.Contains("ix_sms_notifications_due", plan, StringComparison.Ordinal);
        Assert.DoesNotContain(postgres ? "Sort" : "TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_plans_postgres_queries_for_reads_from_ssd_or_cache()
    {
        if (app.Database.Provider != "Postgres")
        {
            Assert.Equal("Sqlite", app.Database.Provider); // no planner cost settings there
            return;
        }

        var cost = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('random_page_cost') AS \"Value\"").SingleAsync());

        Assert.Equal("1.1", cost);
    }

    /// <summary>Claims the due SMS and records an outcome for the first, as the dispatcher does; returns that statement.</summary>
    private async Task<(string Sql, Dictionary<string, object?> Values)> OutcomeStatementAsync()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var claimed = await app.WithDbAsync(db => OutboxStore.ClaimDueAsync(db, now, TimeSpan.FromMinutes(5), 10, TestContext.Current.CancellationToken));
        var row = Assert.Single(claimed);
        var outcome = new SmsNotification { Recipient = row.Recipient, Message = row.Message, Status = SmsStatus.Sent, NextAttemptAt = now, SentAt = now, DateModified = now };
        Assert.Equal(1, await app.WithDbAsync(db => OutboxStore.CompleteAsync(db, row, outcome, TestContext.Current.CancellationToken)));
        return Assert.Single(app.Recorder.Commands, command => command.Sql.Contains("UPDATE", StringComparison.Ordinal) && command.Sql.Contains("sent_at", StringComparison.Ordinal));
    }

    /// <summary>
    /// The plan of a recorded statement as a prepared statement gets it after its first uses:
    /// generic, made without the parameters' values (PostgreSQL); SQLite plans each statement anew.
    /// </summary>
    private async Task<string> GenericPlanAsync(string sql, Dictionary<string, object?> values)
    {
        if (app.Database.Provider != "Postgres")
        {
            return await app.WithDbAsync(async db =>
            {
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in values)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                return await ReadPlanAsync(command);
            });
        }

        // The shape of a busy outbox: many sent rows, few due, so the partial index is small.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO sms_notifications (id, order_id, recipient, message, status, attempts, next_attempt_at, date_created, date_modified)
            SELECT gen_random_uuid(), order_id, recipient, message, 'sent', 1, next_attempt_at, date_created, date_modified
            FROM sms_notifications, generate_series(1, 5000);
            ANALYZE sms_notifications;
            """));

        // Positional parameters in order of appearance, as Npgsql sends them.
        var names = ParameterNames().Matches(sql).Select(m => m.Value[1..]).Distinct().ToList();
        var positional = ParameterNames().Replace(sql, m => "$" + (names.IndexOf(m.Value[1..]) + 1).ToString(CultureInfo.InvariantCulture));
        var literals = string.Join(", ", names.Select(name => Literal(values[name])));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Multiplexing = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var setUp = new NpgsqlCommand($"SET plan_cache_mode = force_generic_plan; PREPARE outcome AS {positional}", connection);
        await setUp.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE outcome({literals})", connection);
        return await ReadPlanAsync(explain);
    }

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        int number => number.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset time => $"'{time.ToString("O", CultureInfo.InvariantCulture)}'",
        _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal)}'",
    };

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterNames();

    private static async Task<string> ReadPlanAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    }

    private Task<string> PlanAsync(string sql) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = (app.Database.Provider == "Postgres" ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return string.Join('\n', lines);
    });
}

/// <summary>The app with its dispatcher off (the test claims rows itself) and the updates of SMS rows recorded.</summary>
public sealed class RecordingApiFactory : ApiFactory
{
    public SqlRecorder Recorder { get; } = new("sms_notifications");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sms:DispatcherEnabled", "false");
    }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IInterceptor>(Recorder);
}
