using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages;

/// <summary>The login page; locks the account after repeated failures (Auth:MaxFailedLogins).</summary>
public sealed class LoginModel(SignInManager<IdentityUser> signIn) : PageModel
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    /// <summary>Where to go after logging in; Django's <c>next</c> is accepted too.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
        ReturnUrl ??= Request.Query["next"];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Username, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Only back into this site: an absolute ReturnUrl would make the login page an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // One message for a wrong password, an unknown user and a locked account: the page must
        // not tell an attacker which usernames exist.
        Error = "The username or password is not right, or the account is locked for a while after repeated failures.";
        Password = "";
        return Page();
    }
}
