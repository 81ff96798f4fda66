using CustOrder.Api.Http;

namespace CustOrder.Api.Docs;

/// <summary>
/// What the document needs to know about an endpoint that reads its request itself: its name and
/// summary, the parameters it reads, the body it parses, and the responses beyond its result type.
/// </summary>
public static class ApiDocsConventions
{
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string operationId, string summary, string? description = null)
    {
        endpoint.WithName(operationId).WithSummary(summary);
        return description is null ? endpoint : endpoint.WithDescription(description);
    }

    /// <summary>A paginated list: limit, offset, the given filters, and ordering by the given fields; 400 for a bad parameter.</summary>
    public static RouteHandlerBuilder DocumentsList(this RouteHandlerBuilder endpoint, IReadOnlyList<string> orderings, params ApiParameter[] filters) =>
        endpoint.WithMetadata([ApiParameter.Limit, ApiParameter.Offset, .. filters, ApiParameter.Ordering(orderings),
            new DocumentedResponse(400, "A bad query parameter: the problem document names it under errors.")]);

    /// <summary>A JSON object body of <typeparamref name="TBody"/> (all fields for a create, any subset for a PATCH) and the ways reading it fails.</summary>
    public static RouteHandlerBuilder DocumentsBody<TBody>(this RouteHandlerBuilder endpoint, bool partial)
        where TBody : notnull
    {
        string[] types = ["application/json", "application/merge-patch+json"];
        return endpoint.Accepts<TBody>(types[0], types[1..])
            .WithMetadata(
                new DocumentedBody(typeof(TBody), partial), new ReturnsETag(),
                new DocumentedResponse(400, "Bad input: malformed JSON, not an object, or field errors (unknown fields, wrong types, "
                    + (partial ? "" : "missing fields, ") + "null, out-of-range values), listed per field under errors."),
                new DocumentedResponse(413, $"The body is larger than {Limits.MaxBodyBytes} bytes."),
                new DocumentedResponse(415, "Not a UTF-8 application/json (or application/merge-patch+json) body, or a compressed one."));
    }

    /// <summary>GET of one resource: 404, 304 with If-None-Match, and the ETag.</summary>
    public static RouteHandlerBuilder DocumentsGetOne(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(
        ApiParameter.IfNoneMatch, new ReturnsETag(),
        new DocumentedResponse(304, "Not Modified: If-None-Match names the current version."),
        new DocumentedResponse(404, "No such resource (an unknown or malformed id)."));

    /// <summary>A write to one resource: 404 and 412 with If-Match.</summary>
    public static RouteHandlerBuilder DocumentsConditionalWrite(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(
        ApiParameter.IfMatch, ApiParameter.WriteIfNoneMatch,
        new DocumentedResponse(404, "No such resource (an unknown or malformed id)."),
        new DocumentedResponse(412, "If-Match names another version (or If-None-Match is * or the current ETag): fetch it again and retry."));

    public static RouteHandlerBuilder DocumentsResponse(this RouteHandlerBuilder endpoint, int status, string description) =>
        endpoint.WithMetadata(new DocumentedResponse(status, description));
}
