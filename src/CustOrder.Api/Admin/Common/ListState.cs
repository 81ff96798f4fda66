using CustOrder.Api.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CustOrder.Api.Admin.Common;

/// <summary>
/// A list page's query string: filters, ordering (<c>?ordering=-field</c>, as the API's) and page
/// number. Links change one parameter and keep the rest, so sorting keeps the filter and a new
/// filter or sort starts again at page 1.
/// </summary>
public sealed class ListState
{
    public const int PageSize = 25;

    private readonly HttpRequest _request;
    private readonly string _defaultOrdering;

    public ListState(HttpRequest request, QueryReader query, string defaultOrdering, params string[] sortable)
    {
        _request = request;
        _defaultOrdering = defaultOrdering;
        var ordering = query.Ordering(sortable);
        Ordering = ordering is null ? defaultOrdering : (ordering.Descending ? "-" : "") + ordering.Field;
        PageNumber = query.WholeNumber("page", 1, 1, 1_000_000);
    }

    /// <summary>The ordering in effect: a field name, with <c>-</c> in front for descending.</summary>
    public string Ordering { get; }

    public string SortField => Ordering.TrimStart('-');

    public bool Descending => Ordering.StartsWith('-');

    public int PageNumber { get; }

    public int Count { get; set; }

    public int Skip => (PageNumber - 1) * PageSize;

    public int PageCount => Math.Max(1, (Count + PageSize - 1) / PageSize);

    public string Filter(string name) => _request.Query[name].ToString();

    /// <summary>This list with one parameter changed (null removes it).</summary>
    public string With(string name, string? value)
    {
        var parameters = _request.Query.Where(p => p.Key != name && (name == "page" || p.Key != "page"))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .ToList();
        if (value is not null)
        {
            parameters.Add(KeyValuePair.Create(name, (string?)value));
        }

        return QueryHelpers.AddQueryString(_request.Path, parameters);
    }

    /// <summary>Sorts by the field, or reverses the order when it is already sorted by it.</summary>
    public string SortLink(string field) =>
        With("ordering", SortField == field && !Descending ? "-" + field : field);

    /// <summary>The aria-sort value of a column header.</summary>
    public string? AriaSort(string field) => SortField != field ? null : Descending ? "descending" : "ascending";

    /// <summary>The query string without one parameter, for a link to the same selection elsewhere (the CSV export, without the page).</summary>
    public string QueryWithout(string name)
    {
        var link = With(name, null);
        var start = link.IndexOf('?', StringComparison.Ordinal);
        return start >= 0 ? link[start..] : "";
    }

    public bool IsDefaultOrdering => Ordering == _defaultOrdering;
}

public static class ListQueries
{
    /// <summary>The query string without empty parameters: an HTML filter form sends "customer=" for "any customer".</summary>
    public static QueryReader Reader(HttpRequest request) => new(new QueryCollection(
        request.Query.Where(p => !string.IsNullOrWhiteSpace(p.Value.ToString())).ToDictionary(p => p.Key, p => p.Value)));
}
