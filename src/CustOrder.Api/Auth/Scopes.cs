using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

/// <summary>The API's scopes, what each means in words (for the consent page), and which roles may hold them.</summary>
public static class Scopes
{
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string ItemsRead = "items:read";
    public const string ItemsWrite = "items:write";
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";

    public static readonly IReadOnlyList<string> Api =
        [CustomersRead, CustomersWrite, ItemsRead, ItemsWrite, OrdersRead, OrdersWrite];

    public static readonly IReadOnlyList<string> Identity =
        [OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId, OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile,
         OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email, OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess];

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [CustomersRead] = "See your shop's customers",
        [CustomersWrite] = "Add, change and delete customers",
        [ItemsRead] = "See the items you sell",
        [ItemsWrite] = "Add, change and delete items",
        [OrdersRead] = "See orders",
        [OrdersWrite] = "Place, change and delete orders",
        [OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId] = "Know who you are",
        [OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile] = "See your user name",
        [OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email] = "See your email address",
        [OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess] = "Stay signed in (a refresh token)",
    };

    public static string Describe(string scope) => Descriptions.TryGetValue(scope, out var text) ? text : scope;

    /// <summary>The API scopes a user of this role may be granted; identity scopes are open to all.</summary>
    public static IReadOnlyList<string> AllowedFor(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        if (set.Contains(Roles.Admin) || set.Contains(Roles.Staff))
        {
            return Api;
        }

        return set.Contains(Roles.Viewer) ? Api.Where(scope => scope.EndsWith(":read", StringComparison.Ordinal)).ToList() : [];
    }

    /// <summary>Which token a claim goes into: the access token always, the identity token when its scope was granted.</summary>
    public static IEnumerable<string> DestinationsOf(System.Security.Claims.Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername when claim.Subject!.HasScope(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile)
            => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email when claim.Subject!.HasScope(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email)
            => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Role => [Destinations.AccessToken],
        // Never let the security stamp leave the server.
        "AspNet.Identity.SecurityStamp" => [],
        _ => [Destinations.AccessToken],
    };
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Viewer];
}
