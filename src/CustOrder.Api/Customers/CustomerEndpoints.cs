using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using CustOrder.Api.Docs;
using CustOrder.Api.Http;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Customers;

public static class CustomerEndpoints
{
    private static readonly string[] Orderings = ["date_created", "date_modified", "first_name", "last_name"];

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireScopes("customers");
        group.MapGet("", List).Documented("listCustomers", "List customers", "Newest first unless ordered otherwise.")
            .DocumentsList(Orderings, ApiParameter.Search("first name, last name or phone number"));
        group.MapPost("", Create).Documented("createCustomer", "Create a customer").DocumentsBody<NewCustomer>(partial: false);
        group.MapGet("/{id:guid}", Get).Documented("getCustomer", "Get a customer").DocumentsGetOne();
        group.MapPatch("/{id:guid}", Update).Documented("updateCustomer", "Change a customer")
            .DocumentsBody<CustomerChanges>(partial: true).DocumentsConditionalWrite();
        group.MapDelete("/{id:guid}", Delete).Documented("deleteCustomer", "Delete a customer").DocumentsConditionalWrite()
            .DocumentsResponse(409, "The customer has orders: nothing was deleted.");
        return app;
    }

    private static async Task<Results<Ok<Page<CustomerResponse>>, ProblemHttpResult>> List(
        HttpRequest request, AppDbContext db, PhoneNumberNormalizer phones, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var page = query.Page();
        var search = query.Text("search");
        var ordering = query.Ordering(Orderings);
        if (!query.IsValid)
        {
            return query.Errors.ToProblem();
        }

        var customers = db.Customers.AsNoTracking();
        if (search is not null)
        {
            customers = customers.Matching(search, phones);
        }

        var count = await customers.CountAsync(cancellationToken);
        var descending = ordering?.Descending ?? true;
        var sorted = ordering?.Field switch
        {
            "first_name" => customers.SortBy(c => c.FirstName, descending),
            "last_name" => customers.SortBy(c => c.LastName, descending),
            "date_modified" => customers.SortBy(c => c.DateModified, descending),
            _ => customers.SortBy(c => c.DateCreated, descending),
        };
        var results = await sorted.Skip(page.Offset).Take(page.Limit)
            .Select(CustomerResponse.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Pages.Create(request, page, count, results));
    }

    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> Create(
        HttpContext http, AppDbContext db, PhoneNumberNormalizer phones, CancellationToken cancellationToken)
    {
        var (input, problem) = await RequestBody.ReadAsync(http.Request, partial: false, form => CustomerInput.Read(form, phones), cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var customer = new Customer();
        input.ApplyTo(customer);
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        Preconditions.SetETag(http.Response, customer);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", CustomerResponse.From(customer));
    }

    private static Task<Results<Ok<CustomerResponse>, StatusCodeHttpResult, NotFound>> Get(
        Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        EntityEndpoints.GetAsync(db, ById<Customer>.Read, id, http, CustomerResponse.From, cancellationToken);

    private static Task<Results<Ok<CustomerResponse>, NotFound, ProblemHttpResult>> Update(
        Guid id, HttpContext http, AppDbContext db, PhoneNumberNormalizer phones, CancellationToken cancellationToken) =>
        EntityEndpoints.UpdateAsync<Customer, CustomerInput, CustomerResponse>(db, id, http,
            form => CustomerInput.Read(form, phones), (input, customer) => input.ApplyTo(customer), CustomerResponse.From, cancellationToken);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, HttpRequest request, AppDbContext db, CancellationToken cancellationToken) =>
        ReferencedDeletes.DeleteUnlessOrderedAsync<Customer>(db, request, id, o => o.CustomerId == id, "customer", cancellationToken);
}
