using CustOrder.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Admin;

/// <summary>
/// A back-office page. Any role may read; a POST (every change) needs staff or admin, and pages
/// marked <see cref="AdminOnly"/> need admin for everything. Refusals are 403, not a redirect to
/// the login page, since the person is signed in. Antiforgery is checked on every POST before this.
/// </summary>
[Authorize(Policy = BackOfficeSetup.Policy)]
public abstract class AdminPage : PageModel
{
    protected virtual bool AdminOnly => false;

    /// <summary>Whether the signed-in person may change things here (the page shows edit buttons only then).</summary>
    public bool CanWrite => AdminOnly ? User.IsInRole(Roles.Admin) : User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Staff);

    /// <summary>A message for the next page after a redirect (saved, deleted, ...).</summary>
    [TempData]
    public string? Flash { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var reading = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        if ((AdminOnly || !reading) && !CanWrite)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        await next();
    }
}
