namespace CustOrder.Api.Http;

/// <summary>Whether a request is for the REST API (/api/...), as opposed to pages and OAuth endpoints.</summary>
public static class ApiPath
{
    public static bool Matches(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
