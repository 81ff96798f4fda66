using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary>
/// <c>/o/applications/register/</c>. On success the POST response itself shows the client id and
/// secret: the secret is stored hashed, so it is never in a URL, a cookie or any later page.
/// </summary>
public sealed class RegisterModel(ApplicationDirectory directory) : PageModel
{
    public ApplicationForm Form { get; private set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Set once the application exists: what the page shows instead of the form.</summary>
    public (string ClientId, string? ClientSecret, string Name)? Created { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(ApplicationForm form)
    {
        Form = form;
        var (registration, errors) = form.Read(User);
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (clientId, clientSecret) = await directory.CreateAsync(User, registration, HttpContext.RequestAborted);
        Created = (clientId, clientSecret, registration.Name.Trim());
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
