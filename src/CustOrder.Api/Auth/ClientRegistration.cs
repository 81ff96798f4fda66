using System.Security.Cryptography;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth;

public enum GrantKind
{
    AuthorizationCode,
    ClientCredentials,
}

/// <summary>
/// What registering a client application takes, checked the same way wherever it comes from
/// (the <c>createapplication</c> command or the applications pages).
/// </summary>
public sealed record ClientRegistration(
    string Name,
    bool Confidential,
    GrantKind Grant,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    bool SkipAuthorization,
    string? ClientId = null,
    string? ClientSecret = null,
    IReadOnlyList<string>? AllowedOrigins = null)
{
    /// <summary>The browser origins allowed to call the token endpoint and the API (see <see cref="AllowedOrigin"/>).</summary>
    public IReadOnlyList<string> Origins => AllowedOrigins ?? [];

    /// <summary>The scopes a client gets when none are named: all the API's, plus identity scopes for user-facing clients.</summary>
    public IReadOnlyList<string> EffectiveScopes => Scopes.Count > 0
        ? Scopes
        : Grant == GrantKind.AuthorizationCode ? [.. Auth.Scopes.Identity, .. Auth.Scopes.Api] : Auth.Scopes.Api;

    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            errors["name"] = "Give the application a name of 1 to 200 characters.";
        }

        if (Grant == GrantKind.ClientCredentials && !Confidential)
        {
            errors["client_type"] = "Client credentials need a confidential client: a public client cannot keep a secret.";
        }

        if (Grant == GrantKind.AuthorizationCode && RedirectUris.Count == 0)
        {
            errors["redirect_uris"] = "The authorization code flow needs at least one redirect URI.";
        }

        foreach (var (field, uris) in new[] { ("redirect_uris", RedirectUris), ("post_logout_redirect_uris", PostLogoutRedirectUris) })
        {
            if (uris.Select(RedirectUriProblem).FirstOrDefault(problem => problem is not null) is { } problem)
            {
                errors[field] = problem;
            }
        }

        if (Origins.Select(AllowedOrigin.Problem).FirstOrDefault(problem => problem is not null) is { } originProblem)
        {
            errors["allowed_origins"] = originProblem;
        }

        var unknown = Scopes.Except([.. Auth.Scopes.Identity, .. Auth.Scopes.Api]).ToList();
        if (unknown.Count > 0)
        {
            errors["scopes"] = $"Unknown scope(s): {string.Join(", ", unknown)}.";
        }

        if (ClientId is not null && (ClientId.Length is < 8 or > 100 || !ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            errors["client_id"] = "A client id is 8 to 100 letters, digits, '-', '_' or '.'.";
        }

        if (ClientSecret is not null && ClientSecret.Length < 32)
        {
            errors["client_secret"] = "A client secret must be at least 32 characters.";
        }

        return errors;
    }

    /// <summary>
    /// What a user registering through the pages may ask for: no more API scopes than their own role
    /// may hold (a client-credentials app acts with its scopes, not the user's), and only an admin may
    /// let an application skip the consent screen (it would skip it for every user, admins included).
    /// </summary>
    public Dictionary<string, string> ValidateFor(IEnumerable<string> registrarRoles)
    {
        var roles = registrarRoles.ToList();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var beyondRole = EffectiveScopes.Except([.. Auth.Scopes.Identity, .. Auth.Scopes.AllowedFor(roles)]).ToList();
        if (beyondRole.Count > 0)
        {
            errors["scopes"] = $"Your role may not grant {string.Join(", ", beyondRole)}; tick only the scopes you hold.";
        }

        if (SkipAuthorization && !roles.Contains(Roles.Admin))
        {
            errors["skip_authorization"] = "Only an admin may let an application skip the consent screen.";
        }

        return errors;
    }

    /// <summary>Why a redirect URI is refused, or null: absolute, no fragment, and plain http only to a loopback address.</summary>
    public static string? RedirectUriProblem(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") && !parsed.Scheme.Contains('.', StringComparison.Ordinal))
        {
            return $"'{uri}' is not an absolute http(s) URI (or a private-use scheme such as com.example.app:/callback).";
        }

        if (uri.Contains('#', StringComparison.Ordinal))
        {
            return $"'{uri}' has a fragment; redirect URIs may not.";
        }

        return parsed.Scheme == "http" && !parsed.IsLoopback ? $"'{uri}' uses plain http; only loopback addresses (127.0.0.1, [::1], localhost) may." : null;
    }

    /// <summary>The OpenIddict descriptor, with a generated id and (for confidential clients) secret unless given.</summary>
    public OpenIddictApplicationDescriptor ToDescriptor(out string clientId, out string? clientSecret)
    {
        clientId = ClientId ?? RandomToken(24);
        clientSecret = Confidential ? ClientSecret ?? RandomToken(48) : null;
        var descriptor = new OpenIddictApplicationDescriptor { ClientId = clientId, ClientSecret = clientSecret };
        ApplyTo(descriptor);
        return descriptor;
    }

    /// <summary>
    /// Writes this registration's settings onto a descriptor (new, or populated from a stored application):
    /// its URIs, permissions, requirements and allowed origins are replaced; client id, secret and other properties are kept.
    /// </summary>
    public void ApplyTo(OpenIddictApplicationDescriptor descriptor)
    {
        descriptor.ClientType = Confidential ? ClientTypes.Confidential : ClientTypes.Public;
        descriptor.ConsentType = SkipAuthorization ? ConsentTypes.Implicit : ConsentTypes.Explicit;
        descriptor.DisplayName = Name.Trim();
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(RedirectUris.Select(uri => new Uri(uri)));
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith(PostLogoutRedirectUris.Select(uri => new Uri(uri)));
        descriptor.Permissions.Clear();
        descriptor.Requirements.Clear();
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        if (Grant == GrantKind.AuthorizationCode)
        {
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        else
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        descriptor.Permissions.UnionWith(EffectiveScopes.Select(scope => Permissions.Prefixes.Scope + scope));
        AllowedOrigin.Write(descriptor, Origins);
    }

    /// <summary>The registration a stored application amounts to (the inverse of <see cref="ApplyTo"/>; scopes as granted, defaults spelled out).</summary>
    public static ClientRegistration FromDescriptor(OpenIddictApplicationDescriptor descriptor) => new(
        descriptor.DisplayName ?? "",
        descriptor.ClientType == ClientTypes.Confidential,
        descriptor.Permissions.Contains(Permissions.GrantTypes.ClientCredentials) ? GrantKind.ClientCredentials : GrantKind.AuthorizationCode,
        [.. descriptor.RedirectUris.Select(uri => uri.OriginalString).Order(StringComparer.Ordinal)],
        [.. descriptor.PostLogoutRedirectUris.Select(uri => uri.OriginalString).Order(StringComparer.Ordinal)],
        [.. descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..])],
        descriptor.ConsentType == ConsentTypes.Implicit,
        descriptor.ClientId,
        AllowedOrigins: AllowedOrigin.Read(descriptor.Properties));

    /// <summary>URL-safe random text: 8 bits of entropy per character, from the OS random generator.</summary>
    public static string RandomToken(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
