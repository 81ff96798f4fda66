using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CustOrder.Api.Data;

// Used only by `dotnet ef migrations add`: it needs a context per provider, never a live database.

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql("Host=localhost;Database=custorder_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite(DatabaseSetup.DefaultSqliteConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options);
}
