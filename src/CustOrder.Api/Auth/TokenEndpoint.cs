using System.Security.Claims;
using System.Text.Json;
using CustOrder.Api.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

/// <summary>
/// <c>/o/token/</c> and <c>/o/userinfo/</c> after OpenIddict has checked the request (client,
/// secret, code, PKCE verifier, refresh token): decides what the new tokens say.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/o/token", ExchangeAsync).ExcludeFromDescription();
        app.MapMethods("/o/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn,
        IOpenIddictApplicationManager applications, AppDbContext db, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
            if (await OwnerRefusalAsync(request, application, applications, users) is { } refusal)
            {
                return refusal;
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application));
            // OpenIddict has already refused scopes the client was not registered with.
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(Scopes.DestinationsOf);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // Authorization code or refresh token: the principal stored with the code or token.
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal?.GetTokenId() is not { } tokenId
            || !await TokenRedemption.TryClaimAsync(db, tokenId, clock, http.RequestAborted))
        {
            return Forbid(Errors.InvalidGrant, "The code or refresh token has already been used.");
        }

        var user = result.Principal.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return Forbid(Errors.InvalidGrant, "The user may no longer sign in.");
        }

        var principal = await UserPrincipals.RefreshAsync(users, user, result.Principal!, result.Principal!.GetScopes());
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<IdentityUser> users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = result.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (user is null)
        {
            return Results.Challenge(Properties(Errors.InvalidToken, "The token's user no longer exists."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var principal = result.Principal!;
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = await users.GetUserIdAsync(user) };
        if (principal.HasScope(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Profile))
        {
            claims[Claims.Name] = claims[Claims.PreferredUsername] = await users.GetUserNameAsync(user);
        }

        if (principal.HasScope(OpenIddict.Abstractions.OpenIddictConstants.Scopes.Email))
        {
            claims[Claims.Email] = await users.GetEmailAsync(user);
            claims[Claims.EmailVerified] = await users.IsEmailConfirmedAsync(user);
        }

        return Results.Ok(claims);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });

    /// <summary>
    /// An application registered on the applications pages acts for its owner: it gets no API scope
    /// the owner's current role does not allow, and nothing once the owner is locked out or deleted.
    /// </summary>
    private static async Task<IResult?> OwnerRefusalAsync(
        OpenIddictRequest request, object application, IOpenIddictApplicationManager applications, UserManager<IdentityUser> users)
    {
        var properties = await applications.GetPropertiesAsync(application);
        if (!properties.TryGetValue(ApplicationDirectory.OwnerProperty, out var owner) || owner.ValueKind != JsonValueKind.String)
        {
            // Registered by an administrator's command: nobody's role to follow.
            return null;
        }

        var user = await users.FindByIdAsync(owner.GetString()!);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return Forbid(Errors.UnauthorizedClient, "The application's owner may no longer sign in.");
        }

        var allowed = Scopes.AllowedFor(await users.GetRolesAsync(user));
        var beyond = request.GetScopes().Where(scope => Scopes.Api.Contains(scope) && !allowed.Contains(scope)).ToList();
        return beyond.Count == 0
            ? null
            : Forbid(Errors.InvalidScope, $"The application's owner may no longer grant: {string.Join(' ', beyond)}.");
    }
}
