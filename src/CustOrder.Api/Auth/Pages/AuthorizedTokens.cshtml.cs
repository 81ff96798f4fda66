using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Auth.Pages;

/// <summary>One remembered consent: which application, for which scopes, since when.</summary>
public sealed record AuthorizedApplication(string Id, string Application, IReadOnlyList<string> Scopes, DateTimeOffset? Created);

/// <summary>
/// <c>/o/authorized-tokens/</c>: the consents the user gave (permanent authorizations). Revoking one
/// kills its refresh tokens and makes the next authorization request ask again.
/// </summary>
public sealed class AuthorizedTokensModel(
    UserManager<IdentityUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens) : PageModel
{
    public IReadOnlyList<AuthorizedApplication> Authorizations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var list = new List<AuthorizedApplication>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(UserId(), ct))
        {
            if (!await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, ct)
                || !await authorizations.HasStatusAsync(authorization, Statuses.Valid, ct))
            {
                continue;
            }

            var application = await authorizations.GetApplicationIdAsync(authorization, ct) is { } applicationId
                ? await applications.FindByIdAsync(applicationId, ct)
                : null;
            var name = application is null ? "(a deleted application)"
                : await applications.GetDisplayNameAsync(application, ct) ?? await applications.GetClientIdAsync(application, ct) ?? "";
            list.Add(new AuthorizedApplication(
                (await authorizations.GetIdAsync(authorization, ct))!,
                name,
                [.. await authorizations.GetScopesAsync(authorization, ct)],
                await authorizations.GetCreationDateAsync(authorization, ct)));
        }

        Authorizations = [.. list.OrderByDescending(a => a.Created)];
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "authorization")] string? id)
    {
        var ct = HttpContext.RequestAborted;
        // Someone else's authorization (or none) is simply not found: its id is not confirmed.
        if (id is null || await authorizations.FindByIdAsync(id, ct) is not { } authorization
            || await authorizations.GetSubjectAsync(authorization, ct) != UserId())
        {
            return NotFound();
        }

        // TryRevokeAsync is false only when another request changed the row meanwhile: read it again and retry once.
        if (!await authorizations.TryRevokeAsync(authorization, ct)
            && await authorizations.FindByIdAsync(id, ct) is { } reloaded
            && !await authorizations.HasStatusAsync(reloaded, Statuses.Revoked, ct)
            && !await authorizations.TryRevokeAsync(reloaded, ct))
        {
            throw new InvalidOperationException($"Authorization {id} could not be revoked.");
        }

        await tokens.RevokeByAuthorizationIdAsync(id, ct);
        return LocalRedirect("/o/authorized-tokens/");
    }

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("This page needs a signed-in user.");
}
