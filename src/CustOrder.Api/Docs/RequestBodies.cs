using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using CustOrder.Api.Http;
using CustOrder.Api.Items;

namespace CustOrder.Api.Docs;

// The request bodies as the document shows them. The endpoints read bodies field by field with
// JsonForm (CustomerInput.Read, ItemInput.Read, OrderInput.Read); these types only describe what
// those readers accept, and the tests check the two agree (required fields, examples accepted).
// Unknown fields are refused, hence additionalProperties: false.

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("A new customer: every field is required.")]
public sealed class NewCustomer
{
    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public required string FirstName { get; init; }

    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public required string LastName { get; init; }

    [StringLength(64, MinimumLength = 1), Description(PhoneText)]
    public required string PhoneNumber { get; init; }

    internal const string PhoneText = "A phone number, stored in E.164 (+254712345678). Numbers without a country code "
        + "(0712 345 678) are read in the configured default region (Kenya unless configured).";
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("Changes to a customer: only the fields sent change.")]
public sealed class CustomerChanges
{
    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public string FirstName { get; init; } = "";

    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public string LastName { get; init; } = "";

    [StringLength(64, MinimumLength = 1), Description(NewCustomer.PhoneText)]
    public string PhoneNumber { get; init; } = "";
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("A new item: every field is required.")]
public sealed class NewItem
{
    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public required string Name { get; init; }

    public required ItemSize Size { get; init; }

    [MoneyAmount(AcceptsNumber = true)]
    public required string Price { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("Changes to an item: only the fields sent change. A new price applies to new orders only.")]
public sealed class ItemChanges
{
    [StringLength(Limits.MaxNameLength, MinimumLength = 1), Description("1–250 characters, no control characters.")]
    public string Name { get; init; } = "";

    public ItemSize Size { get; init; }

    [MoneyAmount(AcceptsNumber = true)]
    public string Price { get; init; } = "";
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("A new order: every field is required. Its unit price is the item's price now.")]
public sealed class NewOrder
{
    [Description("The customer's id.")]
    public required Guid Customer { get; init; }

    [Description("The item's id.")]
    public required Guid Item { get; init; }

    [Range(1, Limits.MaxQuantity)]
    public required int Quantity { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
[Description("Changes to an order: only the fields sent change. A new item re-prices the order at that item's price now.")]
public sealed class OrderChanges
{
    [Description("The customer's id.")]
    public Guid Customer { get; init; }

    [Description("The item's id.")]
    public Guid Item { get; init; }

    [Range(1, Limits.MaxQuantity)]
    public int Quantity { get; init; }
}
