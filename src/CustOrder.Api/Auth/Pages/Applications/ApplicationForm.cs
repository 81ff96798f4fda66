using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary>
/// The register / edit form as posted. Field names are the keys of <see cref="ClientRegistration.Validate"/>'s
/// errors, so each error lands next to its field. It only reads text: the rules are ClientRegistration's.
/// </summary>
public sealed class ApplicationForm
{
    public const string Public = "public";
    public const string Confidential = "confidential";
    public const string AuthorizationCode = "authorization-code";
    public const string ClientCredentials = "client-credentials";

    [FromForm(Name = "name")]
    public string? Name { get; set; }

    [FromForm(Name = "client_type")]
    public string? ClientType { get; set; } = Confidential;

    [FromForm(Name = "grant")]
    public string? Grant { get; set; } = AuthorizationCode;

    [FromForm(Name = "redirect_uris")]
    public string? RedirectUris { get; set; }

    [FromForm(Name = "post_logout_redirect_uris")]
    public string? PostLogoutRedirectUris { get; set; }

    [FromForm(Name = "allowed_origins")]
    public string? AllowedOrigins { get; set; }

    [FromForm(Name = "scopes")]
    public List<string> Scopes { get; set; } = [];

    [FromForm(Name = "skip_authorization")]
    public bool SkipAuthorization { get; set; }

    public static ApplicationForm From(ClientRegistration registration) => new()
    {
        Name = registration.Name,
        ClientType = registration.Confidential ? Confidential : Public,
        Grant = registration.Grant == GrantKind.ClientCredentials ? ClientCredentials : AuthorizationCode,
        RedirectUris = string.Join('\n', registration.RedirectUris),
        PostLogoutRedirectUris = string.Join('\n', registration.PostLogoutRedirectUris),
        AllowedOrigins = string.Join('\n', registration.Origins),
        Scopes = [.. registration.Scopes],
        SkipAuthorization = registration.SkipAuthorization,
    };

    /// <summary>The registration this form describes, with type and grant as given (fixed ones when editing), and its errors.</summary>
    public (ClientRegistration Registration, Dictionary<string, string> Errors) Read(ClaimsPrincipal registrar, bool? confidential = null, GrantKind? grant = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (confidential is null && ClientType is not (Public or Confidential))
        {
            errors["client_type"] = "Choose public or confidential.";
        }

        if (grant is null && Grant is not (AuthorizationCode or ClientCredentials))
        {
            errors["grant"] = "Choose authorization code or client credentials.";
        }

        var registration = new ClientRegistration(
            Name ?? "",
            confidential ?? ClientType == Confidential,
            grant ?? (Grant == ClientCredentials ? GrantKind.ClientCredentials : GrantKind.AuthorizationCode),
            Lines(RedirectUris),
            Lines(PostLogoutRedirectUris),
            [.. Scopes.Distinct(StringComparer.Ordinal)],
            SkipAuthorization,
            AllowedOrigins: Lines(AllowedOrigins));
        var roles = registrar.FindAll(OpenIddictConstants.Claims.Role).Select(claim => claim.Value);
        foreach (var (field, message) in registration.Validate().Concat(registration.ValidateFor(roles)))
        {
            errors.TryAdd(field, message);
        }

        return (registration, errors);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
