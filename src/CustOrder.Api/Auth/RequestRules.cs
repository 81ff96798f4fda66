using System.Text.RegularExpressions;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using Handlers = OpenIddict.Server.OpenIddictServerHandlers;

namespace CustOrder.Api.Auth;

/// <summary>
/// Checks OpenIddict leaves to the server: the exact PKCE formats of RFC 7636, and
/// <c>invalid_scope</c> (RFC 6749 §5.2) for a scope the client was not registered with.
/// </summary>
public static partial class RequestRules
{
    private static readonly string[] SingleValued =
        [Parameters.State, Parameters.Nonce, Parameters.Scope, Parameters.Prompt, Parameters.MaxAge, Parameters.CodeChallenge,
         Parameters.CodeChallengeMethod, Parameters.RedirectUri, Parameters.ResponseType, Parameters.ResponseMode];

    public static OpenIddictServerBuilder AddRequestRules(this OpenIddictServerBuilder server)
    {
        server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                // S256 challenges are base64url SHA-256 digests: exactly 43 characters, no padding.
                if (context.Request.CodeChallenge is { } challenge && !ChallengePattern().IsMatch(challenge))
                {
                    context.Reject(Errors.InvalidRequest, "code_challenge must be the 43-character base64url S256 digest, without '=' padding.");
                }

                return default;
            })
            .SetOrder(Handlers.Authentication.ValidateProofKeyForCodeExchangeParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                // A repeated parameter is ambiguous (which state does the client expect back?): refuse it.
                foreach (var name in SingleValued)
                {
                    if (context.Request.GetParameter(name) is { } parameter && ((StringValues)parameter).Count > 1)
                    {
                        context.Reject(Errors.InvalidRequest, $"The '{name}' parameter may be given only once.");
                        break;
                    }
                }

                return default;
            })
            .SetOrder(Handlers.Authentication.ValidateClientIdParameter.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler
            .UseInlineHandler(async context => await RejectUnregisteredScopesAsync(context, context.ClientId, context.Request.GetScopes()))
            .SetOrder(Handlers.Authentication.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.Request.CodeVerifier is { } verifier && !VerifierPattern().IsMatch(verifier))
                {
                    context.Reject(Errors.InvalidRequest, "code_verifier must be 43 to 128 characters from A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).");
                }

                return default;
            })
            .SetOrder(Handlers.Exchange.ValidateProofKeyForCodeExchangeParameters.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom));

        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            .UseInlineHandler(async context => await RejectUnregisteredScopesAsync(context, context.ClientId, context.Request.GetScopes()))
            .SetOrder(Handlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));
        return server;
    }

    private static async ValueTask RejectUnregisteredScopesAsync(BaseValidatingContext context, string? clientId, IEnumerable<string> scopes)
    {
        if (clientId is null || context.Transaction.GetHttpRequest()?.HttpContext.RequestServices is not { } services)
        {
            return;
        }

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(clientId) is not { } application)
        {
            return;
        }

        foreach (var scope in scopes.Where(s => s is not (OpenIddict.Abstractions.OpenIddictConstants.Scopes.OpenId or OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess)))
        {
            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                context.Reject(Errors.InvalidScope, $"This client is not registered for the scope '{scope}'.");
                return;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex ChallengePattern();

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex VerifierPattern();
}
