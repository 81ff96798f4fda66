using System.Linq.Expressions;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Orders;

/// <summary>Deleting what orders refer to (a customer, an item): refused with 409 while orders exist, never cascaded.</summary>
public static class ReferencedDeletes
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteUnlessOrderedAsync<T>(
        AppDbContext db, HttpRequest request, Guid id, Expression<Func<Order, bool>> refersToIt, string noun, CancellationToken cancellationToken)
        where T : Entity
    {
        var entity = await ById<T>.Find(db, id, cancellationToken);
        if (entity is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.WriteRefused(request, entity))
        {
            return Preconditions.Failed();
        }

        if (await RefusalAsync(db, refersToIt, noun, cancellationToken) is { } refusal)
        {
            return ApiProblems.Conflict(refusal);
        }

        // A concurrent new order makes the foreign key refuse this; DatabaseExceptionHandler answers 409.
        db.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Why the customer or item may not be deleted (it has orders), or null when it may.</summary>
    public static async Task<string?> RefusalAsync(AppDbContext db, Expression<Func<Order, bool>> refersToIt, string noun, CancellationToken cancellationToken)
    {
        var orders = await db.Orders.CountAsync(refersToIt, cancellationToken);
        return orders > 0 ? $"The {noun} has {orders} order(s); delete them first. Nothing was deleted." : null;
    }
}
