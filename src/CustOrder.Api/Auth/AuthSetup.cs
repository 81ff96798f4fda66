using CustOrder.Api.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Refuse plain-HTTP OAuth requests; on by default in Production (behind TLS), off elsewhere.</summary>
    public bool? RequireHttps { get; set; }

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>
    /// How often a signed-in session is checked against its user (role change, lock, new password):
    /// one query per session per interval. Identity's default of 30 minutes is too long for a lock.
    /// </summary>
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The tokens' issuer (an absolute URL, e.g. the load balancer's). Unset, each request's own
    /// scheme and host is the issuer, so instances reached under different names refuse each other's tokens.
    /// </summary>
    public Uri? Issuer { get; set; }
}

/// <summary>Identity users and roles, the OpenIddict server and token validation, and the API's scope policies.</summary>
public static class AuthSetup
{
    /// <summary>The account pages' policy: a person logged in with the site's cookie (a bearer token is not enough).</summary>
    public const string SignedInPolicy = "signed-in";

    public static WebApplicationBuilder AddCustOrderAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (auth.Issuer is { } configured && !(configured.IsAbsoluteUri && configured.Scheme is "https" or "http" && configured.Query.Length == 0))
        {
            throw new StartupException($"Auth:Issuer must be an absolute http(s) URL without a query, like https://shop.example/; got '{configured}'.");
        }
        var keys = builder.Configuration.GetSection(AuthOptions.Section).Get<TokenKeyOptions>() ?? new TokenKeyOptions();
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));

        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = auth.MaxFailedLogins;
                options.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                // The claim types OpenIddict puts in tokens.
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.EmailClaimType = Claims.Email;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = auth.SessionRecheckInterval);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/accounts/login/";
            options.LogoutPath = "/accounts/logout/";
            options.AccessDeniedPath = "/accounts/login/";
            options.Cookie.Name = "custorder.session";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Cookie and antiforgery keys live in the database: every instance reads the same ring.
        services.AddDataProtection().SetApplicationName("CustOrder").PersistKeysToDbContext<KeyRingDbContext>();

        var requireHttps = auth.RequireHttps ?? builder.Environment.IsProduction();
        var signing = TokenKeys.Resolve(keys.Signing, "Signing", builder.Environment, keys.DevelopmentKeysPath);
        var encryption = TokenKeys.Resolve(keys.Encryption, "Encryption", builder.Environment, keys.DevelopmentKeysPath);

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<AppDbContext>();
                options.ReplaceApplicationManager(typeof(CorsAwareApplicationManager<>));
            })
            .AddServer(options =>
            {
                // The original app's paths, each with and without the trailing slash.
                options.SetAuthorizationEndpointUris("o/authorize/", "o/authorize")
                    .SetTokenEndpointUris("o/token/", "o/token")
                    .SetUserInfoEndpointUris("o/userinfo/", "o/userinfo")
                    .SetRevocationEndpointUris("o/revoke_token/", "o/revoke_token")
                    .SetIntrospectionEndpointUris("o/introspect/", "o/introspect")
                    .SetEndSessionEndpointUris("o/logout/", "o/logout")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration", "o/.well-known/openid-configuration/", "o/.well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                options.RegisterScopes([.. Scopes.Identity, .. Scopes.Api]);
                options.SetAuthorizationCodeLifetime(auth.AuthorizationCodeLifetime)
                    .SetAccessTokenLifetime(auth.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(auth.RefreshTokenLifetime)
                    // A redeemed refresh token is dead at once: reuse is refused (OAuth 2.0 Security BCP).
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                options.AddSigningCertificate(signing).AddEncryptionCertificate(encryption);
                options.AddRequestRules();
                if (auth.Issuer is { } issuer)
                {
                    options.SetIssuer(issuer);
                }

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableErrorPassthrough()
                    .SuppressJsonResponseIndentation();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                // Tokens are checked with the server's own keys, in memory: no database query per API call.
                options.UseLocalServer();
                // The Authorization header only: a token in a URL or a form ends up in access logs,
                // histories and Referer headers (RFC 6750 §5.3).
                options.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });

        // S256 only: "plain" (and a request that names no method, which means plain) is refused.
        services.AddOptions<OpenIddictServerOptions>().Configure<TimeProvider>((options, clock) =>
        {
            options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            // form_post answers with an inline script, which the pages' Content-Security-Policy forbids.
            options.ResponseModes.Remove(ResponseModes.FormPost);
            options.TimeProvider = clock;
        });
        services.AddOptions<OpenIddictValidationOptions>().Configure<TimeProvider>((options, clock) => options.TimeProvider = clock);

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());
        foreach (var scope in Scopes.Api)
        {
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(CachedAccessTokenHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        }

        services.AddCachedAccessTokens();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeChallengeHandler>();
        services.AddHttpContextAccessor(); // SameOriginRedirects reads the authorization request's origin.
        services.AddScoped<ApplicationDirectory>();
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Auth/Pages";
            // Anonymous visitors are sent to /accounts/login/ with a ReturnUrl by the cookie's challenge.
            options.Conventions.AuthorizeFolder("/Applications", SignedInPolicy);
            options.Conventions.AuthorizePage("/AuthorizedTokens", SignedInPolicy);
        }).AddMvcOptions(options => options.Filters.Add<Http.PageRequestRules>());
        return builder;
    }
}
