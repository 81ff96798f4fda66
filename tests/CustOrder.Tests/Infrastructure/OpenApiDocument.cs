using System.Text.Json;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CustOrder.Tests.Infrastructure;

/// <summary>The API's OpenAPI document as JSON, with the look-ups the documentation tests need.</summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public static async Task<(OpenApiDocument Document, string Text)> LoadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (new OpenApiDocument(JsonDocument.Parse(text).RootElement.Clone()), text);
    }

    /// <summary>Every operation: method (upper case), path template, and its JSON.</summary>
    public IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    public JsonElement? Operation(string method, string path) =>
        Root.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var op) ? op : null;

    /// <summary>The schema a $ref names (or the schema itself when it is inline).</summary>
    public JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>The scopes of the operation's security requirements (empty for a public one).</summary>
    public static string[] Scopes(JsonElement operation) => operation.TryGetProperty("security", out var security)
        ? [.. security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject()).SelectMany(scheme => scheme.Value.EnumerateArray()).Select(s => s.GetString()!)]
        : [];

    public static JsonElement? RequestSchema(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").GetProperty("application/json").GetProperty("schema") : null;

    public static JsonElement? RequestExample(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) ? body.GetProperty("content").GetProperty("application/json").GetProperty("example") : null;

    public static IEnumerable<JsonElement> Parameters(JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location)
            : [];

    /// <summary>A route pattern as an OpenAPI path: <c>/api/v1/orders/{id:guid}</c> is <c>/api/v1/orders/{id}</c>.</summary>
    public static string PathOf(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => throw new InvalidOperationException($"Unexpected route part {part}"),
    }))));
}
