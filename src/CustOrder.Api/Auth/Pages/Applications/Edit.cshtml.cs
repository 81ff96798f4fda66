using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary>
/// <c>/o/applications/{clientId}/edit/</c>: name, URIs, scopes and consent. Client type and grant stay
/// as registered (a secret cannot be added to a public client, nor a confidential one made public safely).
/// </summary>
public sealed class EditModel(ApplicationDirectory directory) : PageModel
{
    public string ClientId { get; private set; } = "";

    public ApplicationForm Form { get; private set; } = new();

    public ClientRegistration Existing { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        if (await directory.FindAsync(User, clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }

        await LoadAsync(application);
        Form = ApplicationForm.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId, ApplicationForm form)
    {
        if (await directory.FindAsync(User, clientId, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }

        await LoadAsync(application);
        Form = form;
        var (registration, errors) = form.Read(User, Existing.Confidential, Existing.Grant);
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await directory.UpdateAsync(application, registration, HttpContext.RequestAborted);
        return LocalRedirect($"/o/applications/{Uri.EscapeDataString(ClientId)}/");
    }

    private async Task LoadAsync(object application)
    {
        var view = await directory.ViewAsync(application, HttpContext.RequestAborted);
        (ClientId, Existing) = (view.ClientId, view.Registration);
    }
}
