using CustOrder.Api.Http;

namespace CustOrder.Api.Auth;

public static class SiteAuthentication
{
    // The mark UseAuthentication leaves on the builder. Without it WebApplication adds a second
    // authentication middleware at the very start of the pipeline: before the exception handler,
    // CORS and the rate limits.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// ASP.NET Core's authentication middleware, except on the API. Each API policy names the bearer
    /// scheme it authenticates with, so there the middleware's work was waste: the sign-in cookie,
    /// OpenIddict's server checking whether the request is one of its endpoints, and OpenIddict's
    /// validation reading the request (about a sixth of a simple API call's CPU). The bearer scheme
    /// has the validation read the request when it needs it (see CachedAccessTokenHandler).
    /// </summary>
    public static IApplicationBuilder UseSiteAuthentication(this IApplicationBuilder app)
    {
        app.UseWhen(context => !ApiPath.Matches(context.Request.Path), site => site.UseAuthentication());
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }
}
