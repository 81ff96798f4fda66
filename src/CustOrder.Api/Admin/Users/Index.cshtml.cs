using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Admin.Users;

/// <summary>The users and their roles, and a form for a new one (the createuser command's rules).</summary>
public sealed class IndexModel(AppDbContext db, UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, TimeProvider clock) : AdminPage
{
    protected override bool AdminOnly => true;

    public List<UserRow> Rows { get; private set; } = [];

    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public string Role { get; set; } = Roles.Staff;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Errors = string.IsNullOrWhiteSpace(Username)
            ? ["Enter a username."]
            : await UserAccounts.CreateAsync(users, roles, Username.Trim(), Email?.Trim(), Password, Role);
        if (Errors.Count == 0)
        {
            Flash = $"User '{Username.Trim()}' was created with role {Role}.";
            return Redirect("/admin/users/");
        }

        Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var roleOf = await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        Rows = [.. (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken))
            .Select(u => new UserRow(u.Id, u.UserName ?? "", u.Email,
                string.Join(", ", roleOf.Where(r => r.UserId == u.Id).Select(r => r.Name)),
                u.LockoutEnd > now))];
    }

    public sealed record UserRow(string Id, string Username, string? Email, string Roles, bool Locked);
}
