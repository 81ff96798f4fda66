using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth.Pages;

/// <summary>
/// <c>/o/authorize/</c>, reached once OpenIddict has validated the request (client, redirect URI,
/// PKCE). Sends an anonymous user to log in, then either grants at once (a remembered consent, or a
/// client marked skip-authorization) or asks: Allow grants, Deny returns <c>access_denied</c>.
/// </summary>
public sealed class AuthorizeModel(
    UserManager<IdentityUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations) : PageModel
{
    public string? Error { get; private set; }

    public string? ErrorDescription { get; private set; }

    public string ApplicationName { get; private set; } = "";

    public IReadOnlyList<string> GrantedScopes { get; private set; } = [];

    public IReadOnlyList<string> RefusedScopes { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => HandleAsync(decision: null);

    public Task<IActionResult> OnPostAsync([FromForm] string? decision) => HandleAsync(decision ?? "deny");

    private async Task<IActionResult> HandleAsync(string? decision)
    {
        if (HttpContext.GetOpenIddictServerResponse() is { Error: { } error } response)
        {
            // Back to the client when its redirect URI is proven; otherwise (an unknown client, a
            // redirect URI that does not match) an error page here, never a redirect.
            if (HttpContext.GetOpenIddictServerRequest() is { } failed && await IsRegisteredRedirectAsync(failed))
            {
                return Redirect(QueryHelpers.AddQueryString(failed.RedirectUri!, new Dictionary<string, string?>
                {
                    [Parameters.Error] = error,
                    [Parameters.ErrorDescription] = response.ErrorDescription,
                    [Parameters.State] = failed.State,
                }));
            }

            Error = error;
            ErrorDescription = response.ErrorDescription;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var request = HttpContext.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = login.Succeeded ? await users.GetUserAsync(login.Principal) : null;
        if (user is null || NeedsFreshLogin(request, login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not logged in.");
            }

            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrlWithoutLoginPrompt() }, IdentityConstants.ApplicationScheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        var applicationId = await applications.GetIdAsync(application);
        var userId = await users.GetUserIdAsync(user);
        ApplicationName = await applications.GetDisplayNameAsync(application) ?? request.ClientId!;
        var principal = await UserPrincipals.CreateAsync(users, user, request.GetScopes());
        GrantedScopes = [.. principal.GetScopes()];
        RefusedScopes = [.. request.GetScopes().Except(GrantedScopes)];

        var remembered = await authorizations.FindAsync(userId, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [.. GrantedScopes]).ToListAsync();
        var skip = await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit);
        if (decision is null && !skip && (remembered.Count == 0 || request.HasPromptValue(PromptValues.Consent)))
        {
            return request.HasPromptValue(PromptValues.None) ? Forbid(Errors.ConsentRequired, "The user has not consented.") : Page();
        }

        if (decision == "deny")
        {
            return Forbid(Errors.AccessDenied, "The user denied the authorization.");
        }

        // Remember the consent for this user, client and scopes.
        var authorization = remembered.LastOrDefault()
            ?? await authorizations.CreateAsync(principal, userId, applicationId!, AuthorizationTypes.Permanent, [.. GrantedScopes]);
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<bool> IsRegisteredRedirectAsync(OpenIddictRequest request) =>
        request is { ClientId: { } clientId, RedirectUri: { } redirectUri, ResponseMode: null or ResponseModes.Query }
        && await applications.FindByClientIdAsync(clientId) is { } application
        && await applications.ValidateRedirectUriAsync(application, redirectUri);

    private static bool NeedsFreshLogin(OpenIddictRequest request, AuthenticateResult login)
    {
        if (request.HasPromptValue(PromptValues.Login))
        {
            return true;
        }

        return request.MaxAge is { } maxAge && login.Properties?.IssuedUtc is { } issued
            && DateTimeOffset.UtcNow - issued > TimeSpan.FromSeconds(maxAge);
    }

    /// <summary>This request again, minus prompt=login, so logging in does not loop back to the login page.</summary>
    private string ReturnUrlWithoutLoginPrompt()
    {
        var parameters = (Request.HasFormContentType ? Request.Form.AsEnumerable() : Request.Query)
            .Where(p => p.Key is not ("decision" or "__RequestVerificationToken"))
            .Select(p => p.Key == Parameters.Prompt
                ? KeyValuePair.Create(p.Key, string.Join(' ', p.Value.ToString().Split(' ').Where(v => v != PromptValues.Login)))
                : KeyValuePair.Create(p.Key, p.Value.ToString()))
            .Where(p => p.Key != Parameters.Prompt || p.Value.Length > 0);
        return Request.PathBase + Request.Path + QueryString.Create(parameters!);
    }

    private ForbidResult Forbid(string error, string description) =>
        Forbid(TokenEndpoint.Properties(error, description), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
