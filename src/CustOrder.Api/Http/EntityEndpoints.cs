using CustOrder.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Http;

/// <summary>The GET-one and PATCH flows the resources share: lookup, conditional headers, body, ETag.</summary>
public static class EntityEndpoints
{
    private const int MaxUnconditionalAttempts = 16;

    /// <summary>404 when absent, 304 when If-None-Match names the current version, else 200 with its ETag.</summary>
    public static async Task<Results<Ok<TResponse>, StatusCodeHttpResult, NotFound>> GetAsync<TEntity, TResponse>(
        AppDbContext db, Func<AppDbContext, Guid, CancellationToken, Task<TEntity?>> read, Guid id, HttpContext http,
        Func<TEntity, TResponse> respond, CancellationToken cancellationToken)
        where TEntity : Entity
    {
        var entity = await read(db, id, cancellationToken);
        if (entity is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.IsNotModified(http.Request, entity))
        {
            return Preconditions.NotModified(http.Response, entity);
        }

        Preconditions.SetETag(http.Response, entity);
        return TypedResults.Ok(respond(entity));
    }

    /// <summary>
    /// A partial update of a resource with no references to resolve: 404, 412 for a stale
    /// If-Match, the body's problems, else the changed resource with its new ETag.
    /// </summary>
    public static async Task<Results<Ok<TResponse>, NotFound, ProblemHttpResult>> UpdateAsync<TEntity, TInput, TResponse>(
        AppDbContext db, Guid id, HttpContext http, Func<JsonForm, TInput> read, Action<TInput, TEntity> apply,
        Func<TEntity, TResponse> respond, CancellationToken cancellationToken)
        where TEntity : Entity
        where TInput : class
    {
        var entity = await ById<TEntity>.Find(db, id, cancellationToken);
        if (entity is null)
        {
            return TypedResults.NotFound();
        }

        if (Preconditions.WriteRefused(http.Request, entity))
        {
            return Preconditions.Failed();
        }

        var (input, problem) = await RequestBody.ReadAsync(http.Request, partial: true, read, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        for (var attempt = 1; ; attempt++)
        {
            apply(input, entity);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxUnconditionalAttempts && !Preconditions.AreGiven(http.Request))
            {
                // Changed by another request since it was read. A write without If-Match asks for no
                // particular version, so apply it to the current one (each failed attempt means
                // another write went through, so a few attempts outlast any burst).
                db.ChangeTracker.Clear();
                entity = await ById<TEntity>.Find(db, id, cancellationToken);
                if (entity is null)
                {
                    return TypedResults.NotFound();
                }
            }
        }

        Preconditions.SetETag(http.Response, entity);
        return TypedResults.Ok(respond(entity));
    }
}
