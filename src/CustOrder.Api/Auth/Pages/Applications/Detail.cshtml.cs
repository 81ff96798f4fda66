using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary><c>/o/applications/{clientId}/</c>: everything about an application except its secret, which is only a hash here.</summary>
public sealed class DetailModel(ApplicationDirectory directory) : PageModel
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
}
