using CustOrder.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>
/// The OAuth 2.0 security scheme (CustOrder's own authorization server) and, per operation, the scope
/// it needs, read from the authorization policies <see cref="ScopeRequirements.RequireScopes"/> put
/// on the endpoint: the document states the scope the endpoint enforces, never a second copy of it.
/// </summary>
internal sealed class OAuthSecurity : IOpenApiDocumentTransformer
{
    public const string SchemeName = "OAuth2";
    public const string AuthorizationPath = "/o/authorize/";
    public const string TokenPath = "/o/token/";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var scopes = Scopes.Api.ToDictionary(scope => scope, Scopes.Describe);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "CustOrder's own OAuth 2.0 server. People: the authorization code flow with PKCE (S256 only). "
                + "Machine clients: client credentials. Discovery: /.well-known/openid-configuration.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(AuthorizationPath, UriKind.Relative),
                    TokenUrl = new Uri(TokenPath, UriKind.Relative),
                    RefreshUrl = new Uri(TokenPath, UriKind.Relative),
                    // PKCE (S256) is required; OpenAPI has no field for it (the /docs page sets it in Scalar's options).
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(TokenPath, UriKind.Relative),
                    Scopes = scopes,
                },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>The API scopes an endpoint's authorization policies require (policies are named after their scope).</summary>
    public static IReadOnlyList<string> RequiredScopes(IEnumerable<object> endpointMetadata) =>
        [.. endpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Where(Scopes.Api.Contains).Distinct()];

    public static Task RequireScopeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var scopes = RequiredScopes(context.Description.ActionDescriptor.EndpointMetadata);
        if (scopes.Count == 0)
        {
            // Public: say so explicitly, so no document-wide requirement could ever apply to it.
            operation.Security = [];
            return Task.CompletedTask;
        }

        // Each policy must pass: one requirement object naming every scope (all of them needed).
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [.. scopes] },
        ];
        return Task.CompletedTask;
    }
}
