using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Http;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by path: login per client IP, the secret-checking OAuth
/// endpoints per client IP, the API per client. Everything else (pages, health, static files, metrics,
/// discovery) is not limited. A refusal is a 429 problem with Retry-After.
/// </summary>
public static class RateLimits
{
    private static readonly string[] TokenPaths = ["/o/token", "/o/revoke_token", "/o/introspect"];

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitsOptions>().BindConfiguration(RateLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The limiter's own services (metrics); the two limiters below bring their own options.
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>
    /// Login and the secret-checking OAuth endpoints, per client IP. Before authentication: the token
    /// endpoints answer inside the authentication middleware, so a wrong client secret never reaches a later limiter.
    /// </summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RateLimitsOptions>>();
        return app.UseRateLimiter(Limiter(context =>
            !limits.Value.Enabled ? null
            : IsLogin(context.Request) ? ("login", limits.Value.Login, "ip:" + ClientAddress(context))
            : IsToken(context.Request) ? ("token", limits.Value.Token, "ip:" + ClientAddress(context))
            : null));
    }

    /// <summary>
    /// The API, per client application: after authentication, which lets the bearer token be validated
    /// here (authorization later reuses that same result, so it is done once). No valid token: per IP.
    /// </summary>
    public static IApplicationBuilder UseApiRateLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RateLimitsOptions>>();
        app.Use(async (context, next) =>
        {
            if (limits.Value.Enabled && IsApi(context.Request) && context.Request.Headers.Authorization.Count > 0)
            {
                // The API's scheme: a token seen before is not decrypted again (see CachedAccessTokenHandler).
                var result = await context.AuthenticateAsync(Auth.CachedAccessTokenHandler.SchemeName);
                if (result.Principal is { } principal && ClientKey(principal) is { } client)
                {
                    context.Features.Set(new RateLimitedClient(client));
                }
            }

            await next(context);
        });
        return app.UseRateLimiter(Limiter(context =>
            limits.Value.Enabled && IsApi(context.Request)
                ? ("api", limits.Value.Api, context.Features.Get<RateLimitedClient>()?.Key ?? "ip:" + ClientAddress(context))
                : null));
    }

    /// <summary>A fixed window per policy and client; requests no policy covers are not limited.</summary>
    private static RateLimiterOptions Limiter(Func<HttpContext, (string Name, RateLimitPolicy Policy, string Client)?> classify) => new()
    {
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        OnRejected = RejectAsync,
        GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => classify(context) is var (name, policy, client)
            ? RateLimitPartition.GetFixedWindowLimiter(name + "|" + client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = policy.PermitLimit,
                Window = policy.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("")),
    };

    private static bool IsApi(HttpRequest request) => ApiPath.Matches(request.Path);

    private static bool IsLogin(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && string.Equals(Trimmed(request.Path), "/accounts/login", StringComparison.OrdinalIgnoreCase);

    private static bool IsToken(HttpRequest request) => TokenPaths.Contains(Trimmed(request.Path), StringComparer.OrdinalIgnoreCase);

    private static string Trimmed(PathString path) => path.Value is { Length: > 1 } value ? value.TrimEnd('/') : path.Value ?? "";

    /// <summary>
    /// The connection's address (the proxy's, unless forwarded headers are configured). An IPv6 client
    /// is counted by its /64: one host usually owns the whole prefix and could otherwise rotate addresses.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The client application the token was issued to, and the person when it acts for one.</summary>
    private static string? ClientKey(System.Security.Claims.ClaimsPrincipal principal)
    {
        var client = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        var subject = principal.GetClaim(Claims.Subject);
        return (client, subject) switch
        {
            (null, null) => null,
            (null, _) => "sub:" + subject,
            _ when subject is null || subject == client => "client:" + client,
            _ => "client:" + client + "|sub:" + subject,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This client has made too many requests; try again in {seconds} second{(seconds == 1 ? "" : "s")}.",
            },
        });
    }

    /// <summary>Who an API request counts against, once its bearer token has been validated.</summary>
    private sealed record RateLimitedClient(string Key);
}
