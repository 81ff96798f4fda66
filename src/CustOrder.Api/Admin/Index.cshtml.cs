using System.Globalization;
using System.Text.Json;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin;

public sealed class IndexModel(AppDbContext db, TimeProvider clock) : AdminPage
{
    public Dashboard Figures { get; private set; } = null!;

    public List<OrderResponse> Latest { get; private set; } = [];

    /// <summary>The chart's data for wwwroot/js/dashboard.js, in a JSON script element (the CSP allows no inline script).</summary>
    public string ChartJson => JsonSerializer.Serialize(new
    {
        labels = Figures.Days.Select(d => d.Date.ToString("MM-dd", CultureInfo.InvariantCulture)),
        orders = Figures.Days.Select(d => d.Orders),
        revenue = Figures.Days.Select(d => d.Revenue),
    });

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await Dashboard.LoadAsync(db, clock, cancellationToken);
        Latest = await db.Orders.AsNoTracking().OrderByDescending(o => o.DateCreated).ThenByDescending(o => o.Id).Take(10)
            .Select(OrderResponse.Projection).ToListAsync(cancellationToken);
    }

    public static string Amount(decimal value) => Money.Format(value);
}
