using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

/// <summary>
/// A valid token without the scope an endpoint needs is a 403 whose WWW-Authenticate names the
/// missing scope (RFC 6750 §3.1 <c>insufficient_scope</c>), not a bare 403.
/// </summary>
internal sealed class ScopeChallengeHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !policy.AuthenticationSchemes.Contains(CachedAccessTokenHandler.SchemeName))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        // The endpoint's policies are named after the scopes they require (see ScopeRequirements).
        var scope = string.Join(' ', context.GetEndpoint()?.Metadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Where(Scopes.Api.Contains) ?? []);
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictValidationAspNetCoreConstants.Properties.Error] = Errors.InsufficientScope,
            [OpenIddictValidationAspNetCoreConstants.Properties.ErrorDescription] = $"This request needs the scope {scope}.",
            [OpenIddictValidationAspNetCoreConstants.Properties.Scope] = scope,
        });
        return context.ForbidAsync(CachedAccessTokenHandler.SchemeName, properties);
    }
}
