using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using CustOrder.Api.Docs;
using CustOrder.Api.Http;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Items;

public static class ItemEndpoints
{
    private static readonly string[] Orderings = ["date_created", "date_modified", "name", "price"];

    public static IEndpointRouteBuilder MapItems(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/items").WithTags("Items").RequireScopes("items");
        group.MapGet("", List).Documented("listItems", "List items", "Newest first unless ordered otherwise.")
            .DocumentsList(Orderings, ApiParameter.Choice<ItemSize>("size", "Only items of this size."), ApiParameter.Search("name"));
        group.MapPost("", Create).Documented("createItem", "Create an item").DocumentsBody<NewItem>(partial: false);
        group.MapGet("/{id:guid}", Get).Documented("getItem", "Get an item").DocumentsGetOne();
        group.MapPatch("/{id:guid}", Update).Documented("updateItem", "Change an item", "A new price applies to new orders only; existing orders keep their unit price.")
            .DocumentsBody<ItemChanges>(partial: true).DocumentsConditionalWrite();
        group.MapDelete("/{id:guid}", Delete).Documented("deleteItem", "Delete an item").DocumentsConditionalWrite()
            .DocumentsResponse(409, "The item has orders: nothing was deleted.");
        return app;
    }

    private static async Task<Results<Ok<Page<ItemResponse>>, ProblemHttpResult>> List(
        HttpRequest request, AppDbContext db, CancellationToken cancellationToken)
    {
        var query = new QueryReader(request.Query);
        var page = query.Page();
        var size = query.Choice<ItemSize>("size");
        var search = query.Text("search");
        var ordering = query.Ordering(Orderings);
        if (!query.IsValid)
        {
            return query.Errors.ToProblem();
        }

        var items = db.Items.AsNoTracking();
        if (size is not null)
        {
            items = items.Where(i => i.Size == size);
        }

        if (search is not null)
        {
            items = items.Matching(search);
        }

        var count = await items.CountAsync(cancellationToken);
        var descending = ordering?.Descending ?? true;
        var sorted = ordering?.Field switch
        {
            "name" => items.SortBy(i => i.Name, descending),
            "price" => items.SortBy(i => i.Price, descending),
            "date_modified" => items.SortBy(i => i.DateModified, descending),
            _ => items.SortBy(i => i.DateCreated, descending),
        };
        var results = await sorted.Skip(page.Offset).Take(page.Limit)
            .Select(ItemResponse.Projection).ToListAsync(cancellationToken);
        return TypedResults.Ok(Pages.Create(request, page, count, results));
    }

    private static async Task<Results<Created<ItemResponse>, ProblemHttpResult>> Create(
        HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var (input, problem) = await RequestBody.ReadAsync(http.Request, partial: false, ItemInput.Read, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var item = new Item();
        input.ApplyTo(item);
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        Preconditions.SetETag(http.Response, item);
        return TypedResults.Created($"/api/v1/items/{item.Id}", ItemResponse.From(item));
    }

    private static Task<Results<Ok<ItemResponse>, StatusCodeHttpResult, NotFound>> Get(
        Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        EntityEndpoints.GetAsync(db, ById<Item>.Read, id, http, ItemResponse.From, cancellationToken);

    /// <summary>A price change applies to new orders only; existing orders keep their unit price.</summary>
    private static Task<Results<Ok<ItemResponse>, NotFound, ProblemHttpResult>> Update(
        Guid id, HttpContext http, AppDbContext db, CancellationToken cancellationToken) =>
        EntityEndpoints.UpdateAsync<Item, ItemInput, ItemResponse>(db, id, http,
            ItemInput.Read, (input, item) => input.ApplyTo(item), ItemResponse.From, cancellationToken);

    private static Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, HttpRequest request, AppDbContext db, CancellationToken cancellationToken) =>
        ReferencedDeletes.DeleteUnlessOrderedAsync<Item>(db, request, id, o => o.ItemId == id, "item", cancellationToken);
}
