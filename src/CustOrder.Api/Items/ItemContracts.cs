using System.Linq.Expressions;
using CustOrder.Api.Docs;
using CustOrder.Api.Http;

namespace CustOrder.Api.Items;

public sealed record ItemResponse(
    Guid Id,
    string Name,
    ItemSize Size,
    [property: MoneyAmount] string Price,
    DateTimeOffset DateCreated,
    DateTimeOffset DateModified)
{
    public static readonly Expression<Func<Item, ItemResponse>> Projection = i =>
        new ItemResponse(i.Id, i.Name, i.Size, Money.Format(i.Price), i.DateCreated, i.DateModified);

    private static readonly Func<Item, ItemResponse> FromEntity = Projection.Compile();

    public static ItemResponse From(Item item) => FromEntity(item);
}

/// <summary>The writable fields of an item, read from a create (all required) or a PATCH (any subset).</summary>
public sealed record ItemInput(string? Name, ItemSize? Size, decimal? Price)
{
    public static ItemInput Read(JsonForm form)
    {
        return new ItemInput(form.Text("name"), form.Choice<ItemSize>("size"), form.Money("price", Limits.MaxPrice));
    }

    public void ApplyTo(Item item)
    {
        item.Name = Name ?? item.Name;
        item.Size = Size ?? item.Size;
        item.Price = Price ?? item.Price;
    }
}
