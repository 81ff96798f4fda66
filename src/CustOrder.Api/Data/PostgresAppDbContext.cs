using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Data;

/// <summary>PostgreSQL: numeric money, timestamptz dates. Migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options)
    : AppDbContext(options)
{
    protected override SqlDialect Dialect => SqlDialect.Postgres;
}
