using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>What the document says about the API as a whole: title, conventions, and its tags.</summary>
internal sealed class DocumentInfo : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Index"] = "The public map of the API's resources.",
        ["Customers"] = "The shop's customers; phone numbers are stored in E.164.",
        ["Items"] = "What the shop sells, in sizes S to XXL, with a price.",
        ["Orders"] = "Orders keep the unit price they were sold at; each one sends a confirmation SMS through the outbox.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CustOrder API",
            Version = "v1",
            Description = """
                Customers, items and orders of a shop. JSON in snake_case; ids are UUIDs; times are ISO 8601
                with an offset; money is a string with two decimals ("59.97"), accepted as a string or a number.
                Lists are paginated with `limit` and `offset` and answer `{count, next, previous, results}`.
                Every error is an RFC 9457 problem document (`application/problem+json`). Every `/api/v1`
                call needs an OAuth 2.0 access token with the scope the operation names.
                """,
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
        };
        // The server is the origin the document was asked from, without the trailing slash linters object to.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
        return Task.CompletedTask;
    }
}
