using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

/// <summary>Builds the claims a user's tokens carry: who they are, their roles, and only the scopes their role allows.</summary>
public static class UserPrincipals
{
    public static async Task<ClaimsPrincipal> CreateAsync(UserManager<IdentityUser> users, IdentityUser user, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user));
        var principal = new ClaimsPrincipal(identity);
        return await RefreshAsync(users, user, principal, requestedScopes);
    }

    /// <summary>
    /// Brings an existing principal (from a code or refresh token) up to date with the user as stored
    /// now: name, email, roles, and the granted scopes narrowed to what the role allows today.
    /// </summary>
    public static async Task<ClaimsPrincipal> RefreshAsync(UserManager<IdentityUser> users, IdentityUser user, ClaimsPrincipal principal, IEnumerable<string> scopes)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        var roles = await users.GetRolesAsync(user);
        var allowedApi = Scopes.AllowedFor(roles);
        identity.SetClaim(Claims.Name, await users.GetUserNameAsync(user))
            .SetClaim(Claims.PreferredUsername, await users.GetUserNameAsync(user))
            .SetClaim(Claims.Email, await users.GetEmailAsync(user))
            .SetClaims(Claims.Role, [.. roles]);
        identity.SetScopes(scopes.Where(scope => Scopes.Identity.Contains(scope) || allowedApi.Contains(scope)));
        identity.SetDestinations(Scopes.DestinationsOf);
        return principal;
    }
}
