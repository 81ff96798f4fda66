namespace CustOrder.Api.Docs;

/// <summary>
/// A money field: written as a string with exactly two decimals ("19.99"); in a request also accepted
/// as a JSON number, with at most two decimals, from 0 to 99999999.99.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MoneyAmountAttribute : Attribute
{
    public bool AcceptsNumber { get; init; }
}
