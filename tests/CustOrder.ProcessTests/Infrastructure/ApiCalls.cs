using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>Set-up calls to a running instance with a bearer token.</summary>
public static class ApiCalls
{
    public static HttpClient Client(Uri instance, string token)
    {
        var http = Deployment.Client(instance);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>POSTs JSON and returns the created resource's id, failing the test on anything but 201.</summary>
    public static async Task<string> CreateAsync(this HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {created}");
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>A customer and an item to order, made through the API.</summary>
    public static async Task<(string Customer, string Item)> ShopAsync(this HttpClient http, string phone, CancellationToken cancellationToken) => (
        await http.CreateAsync("api/v1/customers", new { first_name = "Jane", last_name = "Process", phone_number = phone }, cancellationToken),
        await http.CreateAsync("api/v1/items", new { name = "Kitenge shirt", size = "M", price = "19.99" }, cancellationToken));
}
