using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary><c>/o/applications/{clientId}/delete/</c>: GET asks, POST deletes the application with its grants and tokens.</summary>
public sealed class DeleteModel(ApplicationDirectory directory) : PageModel
{
    public ApplicationView Application { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await directory.FindAsync(User, clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }

        Application = await directory.ViewAsync(application, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId)
    {
        if (await directory.FindAsync(User, clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }

        await directory.DeleteAsync(application, HttpContext.RequestAborted);
        return LocalRedirect("/o/applications/");
    }
}
