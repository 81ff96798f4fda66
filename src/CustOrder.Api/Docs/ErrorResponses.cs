using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>
/// Every error an operation can answer, as an RFC 9457 problem document (<c>application/problem+json</c>):
/// the ones the endpoint declares (<see cref="DocumentedResponse"/>), 401 and 403 where a scope is
/// needed, and 429 everywhere on the API.
/// </summary>
internal static class ErrorResponses
{
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Generic = new()
    {
        [400] = "Bad input: the problem document lists the messages per field under errors.",
        [401] = "No access token, or an invalid or expired one (WWW-Authenticate says why).",
        [403] = "The token lacks the scope this operation needs (WWW-Authenticate: error=\"insufficient_scope\", scope=\"…\").",
        [404] = "No such resource (an unknown or malformed id).",
        [409] = "Conflict with the resource's current state.",
        [412] = "If-Match names another version (or If-None-Match is * or the current ETag): fetch it again and retry.",
        [413] = $"The body is larger than {Http.Limits.MaxBodyBytes} bytes.",
        [415] = "Not a UTF-8 application/json (or application/merge-patch+json) body, or a compressed one.",
        [422] = "The request is well-formed but cannot be processed as it stands.",
        [429] = "Too many requests: wait as long as Retry-After says and try again.",
    };

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        var declared = metadata.OfType<DocumentedResponse>().ToList();
        foreach (var response in declared)
        {
            operation.Responses[Key(response.Status)] = new OpenApiResponse { Description = response.Description };
        }

        if (OAuthSecurity.RequiredScopes(metadata).Count > 0)
        {
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = Generic[401] });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = Generic[403] });
        }

        operation.Responses.TryAdd("429", new OpenApiResponse { Description = Generic[429] });

        foreach (var (status, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(status, out var code) || code < 400)
            {
                continue;
            }

            // Body problems carry the messages per field (errors); the others are plain problem documents.
            var readsInput = metadata.OfType<DocumentedBody>().Any() || metadata.OfType<ApiParameter>().Any(p => p.In == ParameterLocation.Query);
            var type = code == 400 && readsInput ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            var description = response.Description is { Length: > 0 } text && !IsReasonPhrase(text, code) ? text : Generic.GetValueOrDefault(code, "Error.");
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = await SchemaReferenceAsync(type, context, cancellationToken) },
                },
            };
        }
    }

    private static string Key(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsReasonPhrase(string text, int status) =>
        string.Equals(text, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), StringComparison.OrdinalIgnoreCase);

    /// <summary>The problem schema as a shared component: one definition, referenced by every error response.</summary>
    private static async Task<IOpenApiSchema> SchemaReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var name = type.Name;
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent<IOpenApiSchema>(name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(name, document);
    }
}
