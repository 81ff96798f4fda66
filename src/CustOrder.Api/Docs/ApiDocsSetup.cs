namespace CustOrder.Api.Docs;

/// <summary>
/// The API's OpenAPI 3.1 document (<c>/openapi/v1.json</c>), generated from the endpoints and their
/// metadata, and the interactive reference that reads it (<c>/docs</c>, Scalar, served from the package).
/// </summary>
public static class ApiDocsSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            // Only the API: the OAuth endpoints are described by /.well-known/openid-configuration,
            // health probes and the SMS provider's webhook are for machines we configure, not clients.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<DocumentInfo>();
            options.AddDocumentTransformer<OAuthSecurity>();
            options.AddOperationTransformer(OAuthSecurity.RequireScopeAsync);
            options.AddOperationTransformer(QueryParameters.DescribeAsync);
            options.AddOperationTransformer(ErrorResponses.DescribeAsync);
            options.AddOperationTransformer(Examples.DescribeAsync);
            options.AddSchemaTransformer(SchemaRules.ApplyAsync);
        });
        services.AddHostedService<DocsClientRegistration>();
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        DocsPage.Map(app);
        return app;
    }
}
