using System.Linq.Expressions;
using CustOrder.Api.Data;

namespace CustOrder.Api.Http;

public static class Sorting
{
    /// <summary>Sorts by a key, then by id in the same direction so that pages are stable.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending)
        where T : Entity => descending
            ? query.OrderByDescending(key).ThenByDescending(e => e.Id)
            : query.OrderBy(key).ThenBy(e => e.Id);
}
