using System.Text.Json;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Auth;

/// <summary>
/// A browser origin (scheme://host[:port]) a client application calls the token endpoint and the API
/// from, as django-oauth-toolkit's <c>allowed_origins</c>. Kept in the application's properties JSON
/// (no schema change), normalised the way browsers send the Origin header.
/// </summary>
public static class AllowedOrigin
{
    public const string Property = "allowed_origins";

    /// <summary>Why <paramref name="origin"/> is refused, or null: http(s), a host, an optional port, and nothing else.</summary>
    public static string? Problem(string origin)
    {
        if (origin.Contains('*', StringComparison.Ordinal))
        {
            return $"'{origin}' has a wildcard; list each origin exactly, such as https://shop.example.";
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return $"'{origin}' is not an origin: write scheme://host[:port], such as https://shop.example.";
        }

        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || origin.EndsWith('/'))
        {
            return $"'{origin}' is more than an origin: no path, query or trailing slash; write {Normalize(uri)}.";
        }

        return uri.Scheme == "http" && !uri.IsLoopback
            ? $"'{origin}' uses plain http; only loopback origins (such as http://localhost:3000) may."
            : null;
    }

    /// <summary>The origin as a browser sends it: lower case, punycode host, no default port.</summary>
    public static string Normalize(string origin) => Normalize(new Uri(origin));

    private static string Normalize(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + uri.IdnHost + "]" : uri.IdnHost;
        return uri.Scheme + "://" + host + (uri.IsDefaultPort ? "" : ":" + uri.Port);
    }

    /// <summary>The origins stored on an application (none when the property is absent or not a list of strings).</summary>
    public static IReadOnlyList<string> Read(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(Property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    /// <summary>Replaces the application's origins (valid ones, see <see cref="Problem"/>), keeping its other properties.</summary>
    public static void Write(OpenIddictApplicationDescriptor descriptor, IEnumerable<string> origins)
    {
        var normalized = origins.Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (normalized.Count == 0)
        {
            descriptor.Properties.Remove(Property);
        }
        else
        {
            descriptor.Properties[Property] = JsonSerializer.SerializeToElement(normalized);
        }
    }
}
