using System.Text.Json;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Auth;

/// <summary>
/// Redirect URIs given as paths for a client served by this app itself (the /docs page): a
/// redirect URI matches when it is that path, with no query or fragment, on the very origin (scheme,
/// host, port) the authorization request came to. The app can be served on any origin without
/// registering each one, and a code can still only go back to this app's own page: a browser sent to
/// the real host gets only that host as the origin.
/// </summary>
public static class SameOriginRedirects
{
    /// <summary>The application property holding the paths (a JSON array of strings).</summary>
    public const string Property = "same_origin_redirect_paths";

    public static async ValueTask<bool> AllowsAsync(IOpenIddictApplicationManager applications, object application, string uri,
        HttpRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || !Uri.TryCreate(uri, UriKind.Absolute, out var requested)
            || requested.Query.Length > 0 || uri.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        if (!properties.TryGetValue(Property, out var paths) || paths.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var origin = $"{request.Scheme}://{request.Host.Value}";
        return paths.EnumerateArray().Any(path => path.ValueKind == JsonValueKind.String
            && string.Equals(uri, origin + request.PathBase + path.GetString(), StringComparison.Ordinal));
    }
}
