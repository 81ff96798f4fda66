using CustOrder.Api.Admin.Common;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Items;

public sealed class IndexModel(AppDbContext db) : ListPage<ItemResponse>
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = ListQueries.Reader(Request);
        List = new ListState(Request, query, "-date_created", "date_created", "name", "size", "price");
        var search = query.Text("search");
        var size = query.Choice<ItemSize>("size");
        QueryErrors = new FieldErrorsView(query.Errors);

        var items = db.Items.AsNoTracking();
        if (search is not null)
        {
            items = items.Matching(search);
        }

        if (size is not null)
        {
            items = items.Where(i => i.Size == size);
        }

        List.Count = await items.CountAsync(cancellationToken);
        var sorted = List.SortField switch
        {
            "name" => items.SortBy(i => i.Name, List.Descending),
            "size" => items.SortBy(i => i.Size, List.Descending),
            "price" => items.SortBy(i => i.Price, List.Descending),
            _ => items.SortBy(i => i.DateCreated, List.Descending),
        };
        Rows = await sorted.Skip(List.Skip).Take(ListState.PageSize).Select(ItemResponse.Projection).ToListAsync(cancellationToken);
    }
}
