using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CustOrder.Tests.Infrastructure;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsync(url, JsonContent(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> FetchAsync(this HttpClient client, string url) =>
        client.GetAsync(url, TestContext.Current.CancellationToken);

    /// <summary>A body given as a raw JSON string is sent as it is; anything else is serialised (property names as written).</summary>
    public static StringContent JsonContent(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem document with the given status and returns it.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ReadJsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The messages a validation problem gives for one field (asserting that it gives some).</summary>
    public static string[] FieldErrors(this JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No 'errors' in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {errors}");
        var result = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(result);
        return result;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
