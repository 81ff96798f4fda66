using CustOrder.Api.Admin.Common;
using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Customers;

public sealed class IndexModel(AppDbContext db, PhoneNumberNormalizer phones) : ListPage<IndexModel.CustomerRow>
{
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = ListQueries.Reader(Request);
        List = new ListState(Request, query, "-date_created", "date_created", "first_name", "last_name", "phone_number");
        var search = query.Text("search");
        QueryErrors = new FieldErrorsView(query.Errors);

        var customers = db.Customers.AsNoTracking();
        if (search is not null)
        {
            customers = customers.Matching(search, phones);
        }

        List.Count = await customers.CountAsync(cancellationToken);
        var sorted = List.SortField switch
        {
            "first_name" => customers.SortBy(c => c.FirstName, List.Descending),
            "last_name" => customers.SortBy(c => c.LastName, List.Descending),
            "phone_number" => customers.SortBy(c => c.PhoneNumber, List.Descending),
            _ => customers.SortBy(c => c.DateCreated, List.Descending),
        };
        Rows = await sorted.Skip(List.Skip).Take(ListState.PageSize)
            .Select(c => new CustomerRow(c.Id, c.FirstName, c.LastName, c.PhoneNumber, c.DateCreated))
            .ToListAsync(cancellationToken);
    }

    public sealed record CustomerRow(Guid Id, string FirstName, string LastName, string PhoneNumber, DateTimeOffset DateCreated);
}
