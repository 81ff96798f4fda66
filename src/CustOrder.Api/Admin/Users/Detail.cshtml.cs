using CustOrder.Api.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CustOrder.Api.Admin.Users;

/// <summary>One user: set the role, lock or unlock, set a new password. Identity's own rules apply (password length, lockout).</summary>
public sealed class DetailModel(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, TimeProvider clock) : AdminPage
{
    protected override bool AdminOnly => true;

    public IdentityUser Account { get; private set; } = null!;

    public string? Role { get; private set; }

    public bool Locked { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool IsSelf => Account.Id == users.GetUserId(User);

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRoleAsync(string id, string role) => ChangeAsync(id, "The role was changed; their other sessions end.", async user =>
        IsSelf && role != Roles.Admin ? ["You cannot take away your own admin role; ask another admin."] : await UserAccounts.SetRoleAsync(users, roles, user, role));

    public Task<IActionResult> OnPostLockAsync(string id) => ChangeAsync(id, "The account is locked: they cannot sign in.", async user =>
        IsSelf ? ["You cannot lock yourself out."] : Messages(await Then(users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), () => users.UpdateSecurityStampAsync(user))));

    public Task<IActionResult> OnPostUnlockAsync(string id) => ChangeAsync(id, "The account is unlocked.", async user =>
        Messages(await Then(users.SetLockoutEndDateAsync(user, null), () => users.ResetAccessFailedCountAsync(user))));

    public Task<IActionResult> OnPostPasswordAsync(string id, string password) => ChangeAsync(id, "The password was set; their other sessions end.", async user =>
        Messages(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password ?? "")));

    private async Task<IActionResult> ChangeAsync(string id, string done, Func<IdentityUser, Task<IReadOnlyList<string>>> change)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Errors = await change(Account);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(id);
            return Page();
        }

        Flash = done;
        return Redirect($"/admin/users/{Uri.EscapeDataString(id)}");
    }

    private static async Task<IdentityResult> Then(Task<IdentityResult> first, Func<Task<IdentityResult>> second)
    {
        var result = await first;
        return result.Succeeded ? await second() : result;
    }

    private static IReadOnlyList<string> Messages(IdentityResult result) => [.. result.Errors.Select(e => e.Description)];

    private async Task<bool> LoadAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return false;
        }

        Account = user;
        Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        Locked = user.LockoutEnd > clock.GetUtcNow();
        return true;
    }
}
