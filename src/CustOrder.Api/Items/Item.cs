using CustOrder.Api.Data;

namespace CustOrder.Api.Items;

public sealed class Item : Entity
{
    public string Name { get; set; } = "";

    public ItemSize Size { get; set; }

    /// <summary>Current price; orders keep the price they were sold at.</summary>
    public decimal Price { get; set; }
}

#pragma warning disable CA1707 // The wire names are the original app's: S, M, L, XL, XXL.
public enum ItemSize
{
    S,
    M,
    L,
    XL,
    XXL,
}
#pragma warning restore CA1707
