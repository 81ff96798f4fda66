using System.Data.Common;
using CustOrder.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Tests;

/// <summary>The plans of the queries whose cost must not grow with a table, read from the database itself.</summary>
public sealed class QueryPlanTests(ApiFactory app) : IClassFixture<ApiFactory>
{
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
