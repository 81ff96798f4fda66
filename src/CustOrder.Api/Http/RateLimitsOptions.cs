using System.ComponentModel.DataAnnotations;

namespace CustOrder.Api.Http;

/// <summary>
/// Settings under <c>RateLimits</c>: one fixed window per policy, counted per instance (N instances
/// behind a load balancer allow N times the permits). Login and the token endpoints are tight (they
/// check passwords and client secrets); the API is generous enough that no real client, nor a load
/// test, meets it.
/// </summary>
public sealed class RateLimitsOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Off: no limiter runs at all (for a benchmark of the raw service, or limits enforced by a gateway in front).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>POSTs to <c>/accounts/login/</c> per client IP: password guessing across accounts (each account also locks itself).</summary>
    public RateLimitPolicy Login { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Requests to <c>/o/token/</c>, <c>/o/revoke_token/</c> and <c>/o/introspect/</c> per client IP: they check client secrets.</summary>
    public RateLimitPolicy Token { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Requests to <c>/api/...</c> per client application (and person), or per IP without a valid token.</summary>
    public RateLimitPolicy Api { get; set; } = new() { PermitLimit = 2_000_000, Window = TimeSpan.FromMinutes(1) };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        new[] { (nameof(Login), Login), (nameof(Token), Token), (nameof(Api), Api) }
            .Where(policy => policy.Item2.PermitLimit < 1 || policy.Item2.Window <= TimeSpan.Zero)
            .Select(policy => new ValidationResult(
                $"{Section}:{policy.Item1} needs a PermitLimit of at least 1 and a Window longer than zero (such as 00:01:00).",
                [policy.Item1]));
}

/// <summary>At most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class RateLimitPolicy
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
