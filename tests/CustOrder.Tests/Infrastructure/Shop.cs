using System.Net;
using System.Text.Json;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Creates customers, items and orders through the API, each with distinct names so tests can filter to their own rows.</summary>
public sealed class Shop(HttpClient client)
{
    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 12, 40)];

    public async Task<JsonElement> CustomerAsync(string? lastName = null, string firstName = "Jane", string phone = "+254712345678")
    {
        var response = await client.PostJsonAsync("/api/v1/customers",
            new { first_name = firstName, last_name = lastName ?? Unique("Doe"), phone_number = phone });
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    public async Task<JsonElement> ItemAsync(string? name = null, string size = "M", object? price = null)
    {
        var response = await client.PostJsonAsync("/api/v1/items",
            new { name = name ?? Unique("Shirt"), size, price = price ?? "19.99" });
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    public async Task<JsonElement> OrderAsync(JsonElement customer, JsonElement item, int quantity = 1)
    {
        var response = await client.PostJsonAsync("/api/v1/orders",
            new { customer = customer.Str("id"), item = item.Str("id"), quantity });
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }
}
