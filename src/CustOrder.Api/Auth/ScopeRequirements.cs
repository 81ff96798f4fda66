using Microsoft.AspNetCore.Authorization;

namespace CustOrder.Api.Auth;

public static class ScopeRequirements
{
    /// <summary>
    /// Every endpoint of the group needs a bearer token: reads (GET, HEAD) the <c>resource:read</c>
    /// scope, writes (POST, PATCH, DELETE) <c>resource:write</c>.
    /// </summary>
    public static RouteGroupBuilder RequireScopes(this RouteGroupBuilder group, string resource)
    {
        ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var reads = methods.Count > 0 && methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
            endpoint.Metadata.Add(new AuthorizeAttribute($"{resource}:{(reads ? "read" : "write")}"));
        });
        return group;
    }
}
