namespace CustOrder.Api.Http;

/// <summary>The shared bounds of the API's input, one place for all endpoints.</summary>
public static class Limits
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxNameLength = 250;
    public const int MaxQuantity = 1_000_000;
    public const decimal MaxPrice = 99_999_999.99m;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}
