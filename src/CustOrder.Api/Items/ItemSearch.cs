namespace CustOrder.Api.Items;

public static class ItemSearch
{
    /// <summary>Items whose name contains the text, case-insensitively.</summary>
    public static IQueryable<Item> Matching(this IQueryable<Item> items, string search)
    {
        var lowered = search.ToLowerInvariant();
        // ToLower() becomes SQL lower(); the culture-aware overloads the analyzers prefer do not translate.
#pragma warning disable CA1304, CA1311, CA1862
        return items.Where(i => i.Name.ToLower().Contains(lowered));
#pragma warning restore CA1304, CA1311, CA1862
    }
}
