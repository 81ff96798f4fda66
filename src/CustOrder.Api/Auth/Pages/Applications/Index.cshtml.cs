using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary><c>/o/applications/</c>: the applications the user registered (every one, for an admin).</summary>
public sealed class IndexModel(ApplicationDirectory directory) : PageModel
{
    public IReadOnlyList<ApplicationView> Applications { get; private set; } = [];

    public async Task OnGetAsync() => Applications = await directory.ListAsync(User, HttpContext.RequestAborted);
}
