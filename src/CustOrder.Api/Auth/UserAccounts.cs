using Microsoft.AspNetCore.Identity;

namespace CustOrder.Api.Auth;

/// <summary>Creating users and changing their role: the rules the command line and the back-office share.</summary>
public static class UserAccounts
{
    private const int MaxLength = 256;

    /// <summary>Creates the user with the role; the errors (taken name, short password, unknown role) otherwise.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(
        UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, string username, string? email, string password, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"The role must be one of {string.Join(", ", Roles.All)}."];
        }

        // The Identity tables' column widths: longer would fail in the database instead of here.
        if (username.Length > MaxLength || email?.Length > MaxLength)
        {
            return [$"The username and the email may have at most {MaxLength} characters."];
        }

        await EnsureRolesAsync(roles);
        if (await users.FindByNameAsync(username) is not null)
        {
            return [$"User '{username}' already exists."];
        }

        var user = new IdentityUser { UserName = username, Email = string.IsNullOrWhiteSpace(email) ? null : email, EmailConfirmed = !string.IsNullOrWhiteSpace(email) };
        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, role);
        }

        return created.Succeeded ? [] : [.. created.Errors.Select(e => e.Description)];
    }

    /// <summary>Makes <paramref name="role"/> the user's one role. A new security stamp signs their other sessions out.</summary>
    public static async Task<IReadOnlyList<string>> SetRoleAsync(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, IdentityUser user, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"The role must be one of {string.Join(", ", Roles.All)}."];
        }

        await EnsureRolesAsync(roles);
        var current = await users.GetRolesAsync(user);
        var result = await users.RemoveFromRolesAsync(user, current.Where(r => r != role));
        if (result.Succeeded && !current.Contains(role))
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        return result.Succeeded ? [] : [.. result.Errors.Select(e => e.Description)];
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
