namespace CustOrder.Api.Admin.Common;

/// <summary>A list page: its query state (filters, ordering, page), the query's errors and the rows of this page.</summary>
public abstract class ListPage<TRow> : AdminPage
{
    public ListState List { get; protected set; } = null!;

    public FieldErrorsView QueryErrors { get; protected set; } = new();

    public List<TRow> Rows { get; protected set; } = [];
}
