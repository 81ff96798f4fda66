using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace CustOrder.Api.Http;

public sealed record PageRequest(int Limit, int Offset);

/// <summary>A list page in Django REST Framework's LimitOffsetPagination shape, with absolute links.</summary>
public sealed record Page<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);

public static class Pages
{
    public static Page<T> Create<T>(HttpRequest request, PageRequest page, int count, IReadOnlyList<T> results)
    {
        var next = (long)page.Offset + page.Limit < count ? Link(request, page.Limit, page.Offset + page.Limit) : null;
        string? previous = null;
        if (page.Offset > 0)
        {
            // Past the end, "previous" leads back to the last page that has results, as DRF does.
            var previousOffset = Math.Max(0, Math.Min(page.Offset, count) - page.Limit);
            previous = Link(request, page.Limit, previousOffset);
        }

        return new Page<T>(count, next, previous, results);
    }

    private static string Link(HttpRequest request, int limit, int offset)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (offset > 0)
        {
            query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            query.Remove("offset");
        }

        var queryString = QueryString.Create(query.SelectMany(pair => pair.Value, (pair, value) => KeyValuePair.Create(pair.Key, value)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, queryString);
    }
}
