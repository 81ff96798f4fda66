using System.Globalization;

namespace CustOrder.Api.Data;

/// <summary>The few spots where check-constraint SQL differs between the providers.</summary>
public sealed record SqlDialect(bool MoneyAsCents)
{
    public static readonly SqlDialect Postgres = new(MoneyAsCents: false);
    public static readonly SqlDialect Sqlite = new(MoneyAsCents: true);

    /// <summary>A money literal as the column stores it: numeric on PostgreSQL, whole cents on SQLite.</summary>
    public string Money(decimal amount) => MoneyAsCents
        ? decimal.ToInt64(amount * 100).ToString(CultureInfo.InvariantCulture)
        : amount.ToString("0.00", CultureInfo.InvariantCulture);
}
