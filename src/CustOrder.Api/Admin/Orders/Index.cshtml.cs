using CustOrder.Api.Admin.Common;
using CustOrder.Api.Data;
using CustOrder.Api.Orders;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Orders;

public sealed class IndexModel(AppDbContext db) : ListPage<OrderResponse>
{
    public OrderChoices Choices { get; private set; } = new([], []);

    /// <summary>The CSV export of this very selection (all pages).</summary>
    public string ExportLink => "/admin/orders/export.csv" + List.QueryWithout("page");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = ListQueries.Reader(Request);
        List = new ListState(Request, query, "-date_created", OrderFilter.Sortable);
        var filter = OrderFilter.Read(query);
        QueryErrors = new FieldErrorsView(query.Errors);
        Choices = await OrderChoices.LoadAsync(db, cancellationToken);

        var orders = filter.Apply(db.Orders.AsNoTracking());
        List.Count = await orders.CountAsync(cancellationToken);
        Rows = await OrderFilter.Sort(orders, List.SortField, List.Descending).Skip(List.Skip).Take(ListState.PageSize)
            .Select(OrderResponse.Projection).ToListAsync(cancellationToken);
    }
}
