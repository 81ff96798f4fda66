using System.Security.Cryptography;
using CustOrder.Api.Auth;
using Scalar.AspNetCore;

namespace CustOrder.Api.Docs;

/// <summary>
/// The interactive API reference at /docs: Scalar, its script served from the package (no CDN, no
/// web fonts, no telemetry, no AI agent). Authorize signs in through CustOrder's own login and consent
/// pages as the public client <see cref="DocsClientRegistration.ClientId"/>, with PKCE.
/// </summary>
internal static class DocsPage
{
    /// <summary>Where the authorization server sends the code back: the docs page itself (Scalar's default redirect URI).</summary>
    public const string RedirectPath = ApiDocsSetup.DocsPath + "/";

    public static void Map(WebApplication app)
    {
        app.MapScalarApiReference(ApiDocsSetup.DocsPath, (options, http) =>
        {
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            options.WithTitle("CustOrder API")
                .WithOpenApiRoutePattern(ApiDocsSetup.DocumentPath)
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .AddPreferredSecuritySchemes(OAuthSecurity.SchemeName)
                .AddAuthorizationCodeFlow(OAuthSecurity.SchemeName, flow => flow
                    .WithClientId(DocsClientRegistration.ClientId)
                    .WithPkce(Pkce.Sha256)
                    .WithSelectedScopes(Scopes.Api));
        });
    }

    /// <summary>
    /// The site's policy, widened for this page only by what Scalar needs: its inline start-up script
    /// (by nonce), the styles it injects at run time, and data: images and fonts. Everything it
    /// loads or calls is on this origin.
    /// </summary>
    private static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
}
