using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CustOrder.Api.Data;

/// <summary>
/// SQLite has no decimal and no DateTimeOffset type: stored as TEXT they neither compare nor sort
/// correctly. Money is kept as whole cents and timestamps as UTC ticks, both INTEGER, so that
/// filters, ordering and constraints behave as on PostgreSQL. Migrations in Data/Migrations/Sqlite.
/// </summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options)
    : AppDbContext(options)
{
    protected override SqlDialect Dialect => SqlDialect.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<CentsConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class CentsConverter() : ValueConverter<decimal, long>(
        amount => decimal.ToInt64(amount * 100),
        cents => cents / 100m);

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
