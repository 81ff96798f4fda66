using System.Linq.Expressions;
using CustOrder.Api.Admin.Common;
using CustOrder.Api.Data;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using CustOrder.Api.Orders;

namespace CustOrder.Api.Admin.Items;

public sealed class EditModel(AppDbContext db) : EntityEditPage<Item>(db)
{
    private static readonly string[] FieldNames = ["name", "size", "price"];

    protected override IReadOnlyList<string> Fields => FieldNames;

    public override string Noun => "item";

    public override string ListPath => "/admin/items/";

    protected override Dictionary<string, string> ValuesOf(Item item) => new()
    {
        ["name"] = item.Name, ["size"] = item.Size.ToString(), ["price"] = Money.Format(item.Price),
    };

    protected override Task<Item?> ApplyAsync(JsonForm form, Item? existing, CancellationToken cancellationToken) =>
        Task.FromResult(Apply(form, ItemInput.Read(form), existing, (input, item) => input.ApplyTo(item)));

    protected override Expression<Func<Order, bool>> ReferencedBy(Guid id) => o => o.ItemId == id;
}
