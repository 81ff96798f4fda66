using System.Collections.Frozen;
using Microsoft.AspNetCore.Cors.Infrastructure;
using CustOrder.Api.Http;
using Microsoft.Net.Http.Headers;

namespace CustOrder.Api.Auth;

/// <summary>
/// CORS for browser applications: the API and the token-side OAuth endpoints (token, revocation,
/// introspection, userinfo, discovery, keys) answer origins some registered application lists.
/// Never the authorize endpoint, the pages or anything else: those are navigated to, not fetched,
/// and a cross-origin read of them is exactly what must not happen. No credentials mode: the API and
/// the token endpoint take bearer tokens and form posts, never the site's cookie, so allowing
/// cookies cross-origin would add only risk (a listed site reading pages as the signed-in user).
/// </summary>
public static class ClientCors
{
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private static readonly FrozenSet<string> OAuthPaths = new[]
    {
        "/o/token", "/o/revoke_token", "/o/introspect", "/o/userinfo",
        "/.well-known/openid-configuration", "/o/.well-known/openid-configuration", "/.well-known/jwks",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IServiceCollection AddClientCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddSingleton<RegisteredOrigins>();
        services.AddSingleton<ICorsPolicyProvider, ClientCorsPolicyProvider>();
        return services;
    }

    /// <summary>After routing, before rate limits and authentication: a preflight is answered here, and a 429 or 401 still carries the headers the browser needs to read it.</summary>
    public static IApplicationBuilder UseClientCors(this IApplicationBuilder app) => app.UseCors();

    private sealed class ClientCorsPolicyProvider(RegisteredOrigins allowed) : ICorsPolicyProvider
    {
        // Rebuilt when the origins are reloaded; one reference, so a reader never sees half of it.
        private Policies? _policies;

        /// <summary>Asked only for requests with an Origin header.</summary>
        public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
        {
            var path = context.Request.Path;
            var isApi = ApiPath.Matches(path);
            if (!isApi && !OAuthPaths.Contains(path.Value is { Length: > 1 } value ? value.TrimEnd('/') : ""))
            {
                return null;
            }

            var origins = await allowed.GetAsync();
            var policies = _policies;
            if (policies is null || !ReferenceEquals(policies.Origins, origins))
            {
                _policies = policies = new Policies(origins, ApiPolicy(origins), OAuthPolicy(origins));
            }

            return isApi ? policies.Api : policies.OAuth;
        }

        private static CorsPolicy ApiPolicy(FrozenSet<string> origins) => new CorsPolicyBuilder()
            .SetIsOriginAllowed(origins.Contains)
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete)
            .AllowAnyHeader()
            .WithExposedHeaders(HeaderNames.Location, HeaderNames.ETag, HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate, "Idempotent-Replayed")
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build();

        private static CorsPolicy OAuthPolicy(FrozenSet<string> origins) => new CorsPolicyBuilder()
            .SetIsOriginAllowed(origins.Contains)
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders(HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate)
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build();

        private sealed record Policies(FrozenSet<string> Origins, CorsPolicy Api, CorsPolicy OAuth);
    }
}
