using CustOrder.Api.Admin.Orders;
using CustOrder.Api.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustOrder.Api.Admin;

/// <summary>
/// The back-office at /admin/: server-rendered pages for a shop's staff, signed in with the site's
/// cookie. Every role may look; staff and admins may change customers, items, orders and SMS;
/// only admins manage users.
/// </summary>
public static class BackOfficeSetup
{
    /// <summary>Signed in with the cookie (a bearer token is not enough) and holding one of the roles.</summary>
    public const string Policy = "back-office";

    public static IServiceCollection AddBackOffice(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.All));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPageRouteModelProvider, AdminPageRoutes>());
        return services;
    }

    public static IEndpointRouteBuilder MapBackOffice(this IEndpointRouteBuilder app)
    {
        // A streamed download is simpler as an endpoint than as a page; it reads the list page's filters.
        app.MapGet("/admin/orders/export.csv", OrderExport.WriteAsync).RequireAuthorization(Policy).ExcludeFromDescription();
        return app;
    }
}
