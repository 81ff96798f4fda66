using CustOrder.Api.Docs;
using Microsoft.AspNetCore.Http.Extensions;

namespace CustOrder.Api.Http;

public static class ApiIndex
{
    /// <summary><c>GET /api</c>: a public map of the resources, like the original's browsable API root.</summary>
    public static IEndpointRouteBuilder MapApiIndex(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api", (HttpRequest request) =>
        {
            string Url(string path) => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, path);
            return TypedResults.Ok(new Dictionary<string, string>
            {
                ["customers"] = Url("/api/v1/customers"),
                ["items"] = Url("/api/v1/items"),
                ["orders"] = Url("/api/v1/orders"),
                ["docs"] = Url(ApiDocsSetup.DocsPath + "/"),
                ["openapi"] = Url(ApiDocsSetup.DocumentPath),
            });
        }).WithTags("Index").Documented("apiIndex", "The API's resources", "Public: the absolute URL of each resource list, of the interactive reference (docs) and of this document (openapi).");
        return app;
    }
}
