using System.Text;
using CustOrder.Api.Auth;
using Microsoft.AspNetCore.Identity;

namespace CustOrder.Api.Cli;

/// <summary><c>createsuperuser</c> (like Django's) and <c>createuser --role</c>.</summary>
public static class UserCommands
{
    public static async Task<int> CreateSuperuserAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var options = CommandOptions.Parse(args, "no-input");
        options.RejectUnknown("username", "email", "password");
        var interactive = !options.Flag("no-input") && !Console.IsInputRedirected;
        var username = options.Value("username") ?? Environment.GetEnvironmentVariable("CUSTORDER_SUPERUSER_USERNAME");
        var email = options.Value("email") ?? Environment.GetEnvironmentVariable("CUSTORDER_SUPERUSER_EMAIL");
        var password = options.Value("password") ?? Environment.GetEnvironmentVariable("CUSTORDER_SUPERUSER_PASSWORD");
        if (interactive)
        {
            username ??= Prompt("Username: ");
            email ??= Prompt("Email address: ");
            password ??= PromptNewPassword();
        }

        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrWhiteSpace(password))
        {
            throw new CommandException("Give --username and --password (or CUSTORDER_SUPERUSER_USERNAME and CUSTORDER_SUPERUSER_PASSWORD), or run it in a terminal to be asked.");
        }

        // Containers run this at every start: an existing superuser is not an error.
        return await CreateAsync(services, username, email, password, Roles.Admin, existingIsFine: true, output);
    }

    public static async Task<int> CreateUserAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var options = CommandOptions.Parse(args);
        options.RejectUnknown("username", "email", "password", "role");
        var role = options.Value("role") ?? Roles.Staff;
        if (!Roles.All.Contains(role))
        {
            throw new CommandException($"--role must be one of {string.Join(", ", Roles.All)}.");
        }

        var username = options.Value("username") ?? throw new CommandException("--username is required.");
        var password = options.Value("password") ?? (Console.IsInputRedirected ? throw new CommandException("--password is required.") : PromptNewPassword());
        return await CreateAsync(services, username, options.Value("email"), password, role, existingIsFine: false, output);
    }

    private static async Task<int> CreateAsync(IServiceProvider services, string username, string? email, string password, string role, bool existingIsFine, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (existingIsFine && await users.FindByNameAsync(username) is not null)
        {
            output.WriteLine($"User '{username}' already exists; nothing changed.");
            return 0;
        }

        var errors = await UserAccounts.CreateAsync(users, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), username, email, password, role);
        if (errors.Count > 0)
        {
            throw new CommandException(string.Join(Environment.NewLine, errors));
        }

        output.WriteLine($"Created user '{username}' with role {role}.");
        return 0;
    }

    public static Task EnsureRolesAsync(RoleManager<IdentityRole> roles) => UserAccounts.EnsureRolesAsync(roles);

    private static string Prompt(string label)
    {
        Console.Write(label);
        return Console.ReadLine()?.Trim() ?? throw new CommandException("No input.");
    }

    private static string PromptNewPassword()
    {
        var first = ReadSecret("Password: ");
        if (ReadSecret("Password (again): ") != first)
        {
            throw new CommandException("The passwords do not match.");
        }

        return first;
    }

    private static string ReadSecret(string label)
    {
        Console.Write(label);
        var text = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return text.ToString();
    }
}
