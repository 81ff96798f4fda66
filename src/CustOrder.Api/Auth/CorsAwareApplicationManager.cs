using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace CustOrder.Api.Auth;

/// <summary>The application manager that tells <see cref="RegisteredOrigins"/> when an application is created, changed or deleted.</summary>
public sealed class CorsAwareApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store,
    RegisteredOrigins origins)
    : LoopbackAwareApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask CreateAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        await base.CreateAsync(application, cancellationToken);
        origins.Invalidate();
    }

    public override async ValueTask UpdateAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        await base.UpdateAsync(application, cancellationToken);
        origins.Invalidate();
    }

    public override async ValueTask DeleteAsync(TApplication application, CancellationToken cancellationToken = default)
    {
        await base.DeleteAsync(application, cancellationToken);
        origins.Invalidate();
    }
}
