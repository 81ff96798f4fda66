using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Server.AspNetCore;

namespace CustOrder.Api.Auth.Pages;

/// <summary>
/// OpenID Connect end session (<c>/o/logout/</c>): asks, then logs out and returns to the client's
/// post-logout URI. A request OpenIddict refused (say, an unregistered post-logout URI) shows the error.
/// </summary>
public sealed class EndSessionModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public string? Error { get; private set; }

    public string? ErrorDescription { get; private set; }

    public IActionResult OnGet() => RefusedRequest() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (RefusedRequest() is { } refused)
        {
            return refused;
        }

        await signIn.SignOutAsync();
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private PageResult? RefusedRequest()
    {
        if (HttpContext.GetOpenIddictServerResponse() is not { Error: { } error } response)
        {
            return null;
        }

        Error = error;
        ErrorDescription = response.ErrorDescription;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
