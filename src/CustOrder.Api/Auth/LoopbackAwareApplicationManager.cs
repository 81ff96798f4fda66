using System.Net;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace CustOrder.Api.Auth;

/// <summary>
/// Redirect URIs match exactly, with the one exception RFC 8252 §7.3 asks for: a native app
/// listening on a loopback IP literal (http://127.0.0.1/…, http://[::1]/…) gets a port from its OS
/// at run time, so any port matches the registered URI there. Nothing else is relaxed: not the
/// path, the query, the scheme, nor the name "localhost".
/// </summary>
public class LoopbackAwareApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken))
        {
            return true;
        }

        if (!IsLoopbackIpHttp(uri, out var requested))
        {
            return false;
        }

        foreach (var registered in await GetRedirectUrisAsync(application, cancellationToken))
        {
            if (IsLoopbackIpHttp(registered, out var candidate)
                && string.Equals(WithoutPort(candidate), WithoutPort(requested), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLoopbackIpHttp(string text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!)
        && uri.Scheme == Uri.UriSchemeHttp
        && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
        && IPAddress.IsLoopback(address)
        && !text.Contains('#', StringComparison.Ordinal);

    private static string WithoutPort(Uri uri) =>
        uri.Scheme + "://" + uri.Host + uri.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
}
