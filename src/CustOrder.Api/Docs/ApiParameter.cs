using System.Globalization;
using CustOrder.Api.Http;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>
/// A query or header parameter an endpoint reads by hand (through <see cref="QueryReader"/> or the
/// request headers), put on the endpoint as metadata so the document can list it.
/// </summary>
public sealed record ApiParameter(
    string Name,
    ParameterLocation In,
    string Description,
    JsonSchemaType Type,
    string? Format = null,
    IReadOnlyList<string>? Choices = null,
    long? Minimum = null,
    long? Maximum = null,
    string? Default = null,
    string? Example = null)
{
    public static ApiParameter Limit { get; } = new("limit", ParameterLocation.Query,
        "How many results per page.", JsonSchemaType.Integer, "int32", Minimum: 1, Maximum: Limits.MaxPageSize,
        Default: Limits.DefaultPageSize.ToString(CultureInfo.InvariantCulture));

    public static ApiParameter Offset { get; } = new("offset", ParameterLocation.Query,
        "How many results to skip.", JsonSchemaType.Integer, "int32", Minimum: 0, Maximum: int.MaxValue, Default: "0");

    public static ApiParameter Search(string what) => new("search", ParameterLocation.Query,
        $"Only those whose {what} contains this text (case-insensitive).", JsonSchemaType.String, Maximum: Limits.MaxNameLength);

    public static ApiParameter Uuid(string name, string description) =>
        new(name, ParameterLocation.Query, description, JsonSchemaType.String, "uuid");

    public static ApiParameter Timestamp(string name, string description) => new(name, ParameterLocation.Query,
        description + " An ISO 8601 date (midnight UTC) or date-time; without an offset the time is UTC (write + as %2B).",
        JsonSchemaType.String, Example: "2026-12-01");

    public static ApiParameter Choice<TEnum>(string name, string description)
        where TEnum : struct, Enum => new(name, ParameterLocation.Query, description, JsonSchemaType.String, Choices: Enum.GetNames<TEnum>());

    /// <summary>DRF's <c>ordering</c>: one of the fields, prefixed with <c>-</c> for descending.</summary>
    public static ApiParameter Ordering(IReadOnlyList<string> fields) => new("ordering", ParameterLocation.Query,
        "Sort by this field, ascending; prefix it with - for descending. Default: -date_created (newest first).",
        JsonSchemaType.String, Choices: [.. fields.SelectMany(field => new[] { field, "-" + field })]);

    public static ApiParameter IfNoneMatch { get; } = new("If-None-Match", ParameterLocation.Header,
        "The ETag of the copy you hold: 304 when it is still current.", JsonSchemaType.String, Example: "\"1\"");

    public static ApiParameter IfMatch { get; } = new("If-Match", ParameterLocation.Header,
        "The ETag of the copy the change is based on: 412 when the resource has changed since.", JsonSchemaType.String);

    public static ApiParameter WriteIfNoneMatch { get; } = new("If-None-Match", ParameterLocation.Header,
        "412 when it names the current ETag or is *.", JsonSchemaType.String);

    public static ApiParameter IdempotencyKey { get; } = new(Orders.IdempotencyKey.Header, ParameterLocation.Header,
        "1–200 visible ASCII characters (a UUID is best): the same key with the same order returns the first order, "
        + "with no second order or SMS. Keys are per client and kept at least 24 hours.", JsonSchemaType.String, Maximum: 200,
        Example: "5f0c6a52-0d7e-4f0e-9a53-2d1f8e6b7c41");

    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = In,
        Description = Description,
        Required = false,
        Schema = new OpenApiSchema
        {
            Type = Type,
            Format = Format,
            Enum = Choices?.Select(choice => (System.Text.Json.Nodes.JsonNode)choice).ToList(),
            Minimum = Type == JsonSchemaType.Integer ? Minimum?.ToString(CultureInfo.InvariantCulture) : null,
            Maximum = Type == JsonSchemaType.Integer ? Maximum?.ToString(CultureInfo.InvariantCulture) : null,
            MaxLength = Type == JsonSchemaType.String ? (int?)Maximum : null,
            Default = Default is null ? null : Type == JsonSchemaType.Integer ? long.Parse(Default, CultureInfo.InvariantCulture) : Default,
        },
        Example = Example,
    };
}
