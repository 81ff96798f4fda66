using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Auth;

/// <summary>A registered application as the pages show it: never its secret.</summary>
public sealed record ApplicationView(string ClientId, ClientRegistration Registration);

/// <summary>
/// The client applications a signed-in user may see and manage: the ones they registered, or all of
/// them for an admin. The owner's user id is kept in the application's properties (no schema change);
/// applications made by the <c>createapplication</c> command have no owner, so only admins see them.
/// Anything not visible is reported as missing, so pages answer 404 and never confirm another user's ids.
/// </summary>
public sealed class ApplicationDirectory(IOpenIddictApplicationManager applications, UserManager<IdentityUser> users)
{
    public const string OwnerProperty = "owner";

    public async Task<List<ApplicationView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Ownership is inside the properties JSON, which the store cannot filter on portably;
        // a shop has tens of applications, not thousands, so they are filtered here.
        var visible = new List<ApplicationView>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await MayManageAsync(user, application, cancellationToken))
            {
                visible.Add(await ViewAsync(application, cancellationToken));
            }
        }

        return [.. visible.OrderBy(app => app.Registration.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(app => app.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>The application with this client id, or null when there is none or it is not the user's to see.</summary>
    public async Task<object?> FindAsync(ClaimsPrincipal user, string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
        && await MayManageAsync(user, application, cancellationToken)
            ? application
            : null;

    public async Task<ApplicationView> ViewAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return new ApplicationView(descriptor.ClientId!, ClientRegistration.FromDescriptor(descriptor) with { ClientId = null });
    }

    /// <summary>Creates the application owned by <paramref name="user"/>; the secret (confidential clients) exists in clear only in the result.</summary>
    public async Task<(string ClientId, string? ClientSecret)> CreateAsync(ClaimsPrincipal user, ClientRegistration registration, CancellationToken cancellationToken)
    {
        var descriptor = registration.ToDescriptor(out var clientId, out var clientSecret);
        descriptor.Properties[OwnerProperty] = JsonSerializer.SerializeToElement(UserId(user));
        await applications.CreateAsync(descriptor, cancellationToken);
        return (clientId, clientSecret);
    }

    /// <summary>Applies a registration to a stored application: id, type, grant, hashed secret and owner stay as they are.</summary>
    public async Task UpdateAsync(object application, ClientRegistration registration, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        registration.ApplyTo(descriptor);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
    }

    /// <summary>Deletes the application; OpenIddict's store removes its authorizations and tokens with it.</summary>
    public ValueTask DeleteAsync(object application, CancellationToken cancellationToken) =>
        applications.DeleteAsync(application, cancellationToken);

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, object application, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return true;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(OwnerProperty, out var owner)
            && owner.ValueKind == JsonValueKind.String
            && string.Equals(owner.GetString(), UserId(user), StringComparison.Ordinal);
    }

    private string UserId(ClaimsPrincipal user) =>
        users.GetUserId(user) ?? throw new InvalidOperationException("The applications pages need a signed-in user.");
}
