using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Data;

/// <summary>PostgreSQL: numeric money, timestamptz dates. Migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, TimeProvider clock)
    : AppDbContext(options, clock)
{
    protected override SqlDialect Dialect => SqlDialect.Postgres;
}
