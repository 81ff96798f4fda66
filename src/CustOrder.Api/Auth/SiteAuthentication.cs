using CustOrder.Api.Http;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Validation.AspNetCore;

namespace CustOrder.Api.Auth;

public static class SiteAuthentication
{
    // The mark UseAuthentication leaves on the builder. Without it WebApplication adds a second
    // authentication middleware at the very start of the pipeline: before the exception handler,
    // CORS and the rate limits.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// ASP.NET Core's authentication middleware, except on the API. Each API policy names the bearer
    /// scheme it authenticates with, so there the middleware's other work was waste: the sign-in
    /// cookie, and OpenIddict's server checking whether the request is one of its endpoints (a tenth
    /// of a simple API call's CPU). The API gets only what its bearer scheme needs: OpenIddict's
    /// validation reading the request.
    /// </summary>
    public static IApplicationBuilder UseSiteAuthentication(this IApplicationBuilder app)
    {
        app.UseMiddleware<SiteAuthenticationMiddleware>();
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }

    private sealed class SiteAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
    {
        private readonly AuthenticationMiddleware _everyScheme = new(next, schemes);

        public async Task InvokeAsync(HttpContext context)
        {
            if (!ApiPath.Matches(context.Request.Path))
            {
                await _everyScheme.Invoke(context);
                return;
            }

            var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
            if (await handlers.GetHandlerAsync(context, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme) is IAuthenticationRequestHandler validation
                && await validation.HandleRequestAsync())
            {
                return;
            }

            await next(context);
        }
    }
}
