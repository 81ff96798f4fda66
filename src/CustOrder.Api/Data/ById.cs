using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Data;

/// <summary>
/// Lookups of one resource by id, compiled once. A LINQ query is otherwise re-examined on every
/// call to find its cached translation, which was a fifth of a simple GET's CPU (see bench/README.md).
/// </summary>
public static class ById<TEntity>
    where TEntity : Entity
{
    /// <summary>Tracked, for a change and SaveChanges.</summary>
    public static readonly Func<AppDbContext, Guid, CancellationToken, Task<TEntity?>> Find =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken _) => db.Set<TEntity>().FirstOrDefault(e => e.Id == id));

    /// <summary>Untracked, to read and answer with.</summary>
    public static readonly Func<AppDbContext, Guid, CancellationToken, Task<TEntity?>> Read =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken _) => db.Set<TEntity>().AsNoTracking().FirstOrDefault(e => e.Id == id));
}
