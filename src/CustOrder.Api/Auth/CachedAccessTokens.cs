using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace CustOrder.Api.Auth;

/// <summary>
/// The API's bearer scheme: OpenIddict's validation, remembered per access token until the token
/// expires. Access tokens are encrypted with the server's RSA key, and decrypting one costs about a
/// millisecond of CPU: more than the rest of a simple API call. A token seen again skips that work.
/// Nothing changes about what is accepted: validation never asked the database (a revoked access
/// token is honoured until it expires, see README), and a token is forgotten when it expires.
/// </summary>
public sealed class CachedAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CachedAccessToken";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        var token = header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? header[BearerPrefix.Length..].Trim()
            : null;
        if (token is { Length: > 0 } && cache.Find(token) is { } known)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(known, Scheme.Name));
        }

        if (await ValidationReadsRequestAsync())
        {
            return AuthenticateResult.NoResult();
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return result.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure ?? new InvalidOperationException("Invalid token."));
        }

        if (token is { Length: > 0 } && result.Properties.ExpiresUtc is { } expires)
        {
            cache.Remember(token, result.Principal, expires);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name));
    }

    // 401 and 403 answers (WWW-Authenticate, error codes) stay OpenIddict's own.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!await ValidationReadsRequestAsync())
        {
            await Context.ChallengeAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
        }
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (!await ValidationReadsRequestAsync())
        {
            await Context.ForbidAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, properties);
        }
    }

    /// <summary>
    /// OpenIddict's validation reads a request (in its authentication middleware step) before it can
    /// validate a token or answer 401/403. The API skips that step (see SiteAuthentication), so it is
    /// done here, only when needed: a token seen before needs neither. True when it answered the request itself.
    /// </summary>
    private async Task<bool> ValidationReadsRequestAsync()
    {
        if (Context.Features.Get<OpenIddictValidationAspNetCoreFeature>() is not null)
        {
            return false;
        }

        var handlers = Context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        return await handlers.GetHandlerAsync(Context, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler validation
            && await validation.HandleRequestAsync();
    }
}

/// <summary>Validated access tokens and their principals, each until its token expires; bounded in size.</summary>
public sealed class AccessTokenCache(TimeProvider clock)
{
    private const int MaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);

    /// <summary>A copy of the principal of a token validated before and not yet expired.</summary>
    public ClaimsPrincipal? Find(string token)
    {
        if (!_tokens.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.Expires <= clock.GetUtcNow())
        {
            _tokens.TryRemove(token, out _);
            return null;
        }

        // A copy per request: nothing one request does to its User reaches another.
        return entry.Principal.Clone();
    }

    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        if (_tokens.Count >= MaxTokens)
        {
            _tokens.Clear();
        }

        _tokens[token] = (principal.Clone(), expires);
    }
}

public static class CachedAccessTokens
{
    public static IServiceCollection AddCachedAccessTokens(this IServiceCollection services)
    {
        services.AddSingleton<AccessTokenCache>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CachedAccessTokenHandler>(CachedAccessTokenHandler.SchemeName, null);
        return services;
    }
}
