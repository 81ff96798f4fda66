using CustOrder.Api.Data;
using CustOrder.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin;

/// <summary>The dashboard's figures. Days and weeks are UTC days (weeks start on Monday), as the stored times are.</summary>
public sealed record Dashboard(
    int Customers, int Items, int OrdersToday, int OrdersThisWeek,
    IReadOnlyList<Dashboard.Day> Days, IReadOnlyDictionary<SmsStatus, int> Sms)
{
    public const int DayCount = 30;

    public sealed record Day(DateOnly Date, int Orders, decimal Revenue);

    public static async Task<Dashboard> LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstDay = today.AddDays(1 - DayCount);

        // Summed per day here rather than in SQL: SQLite stores times as ticks and has no date
        // functions EF can use on them. Rows stream through one at a time, so memory stays flat.
        var days = new Dictionary<DateOnly, (int Orders, decimal Revenue)>();
        var since = Start(firstDay);
        await foreach (var order in db.Orders.AsNoTracking().Where(o => o.DateCreated >= since)
            .Select(o => new { o.DateCreated, o.Total }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var day = DateOnly.FromDateTime(order.DateCreated.UtcDateTime);
            var (orders, revenue) = days.GetValueOrDefault(day);
            days[day] = (orders + 1, revenue + order.Total);
        }

        var sms = await db.SmsNotifications.AsNoTracking().GroupBy(n => n.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var todayStart = Start(today);
        var week = Start(weekStart);
        return new Dashboard(
            await db.Customers.CountAsync(cancellationToken),
            await db.Items.CountAsync(cancellationToken),
            await db.Orders.CountAsync(o => o.DateCreated >= todayStart, cancellationToken),
            await db.Orders.CountAsync(o => o.DateCreated >= week, cancellationToken),
            [.. Enumerable.Range(0, DayCount).Select(i => firstDay.AddDays(i))
                .Select(d => new Day(d, days.GetValueOrDefault(d).Orders, days.GetValueOrDefault(d).Revenue))],
            Enum.GetValues<SmsStatus>().ToDictionary(s => s, s => sms.FirstOrDefault(x => x.Status == s)?.Count ?? 0));
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
