namespace CustOrder.Api.Data;

public static class Timestamps
{
    /// <summary>
    /// The current UTC time cut to whole microseconds, the precision PostgreSQL keeps, so that the
    /// value returned on create is the same one a later read returns.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock) => Truncate(clock.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
