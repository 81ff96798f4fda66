namespace CustOrder.Api.Cli;

/// <summary>
/// The command line: <c>CustOrder.Api [command] [arguments]</c>. With no command (or only host
/// options such as <c>--urls</c>) the app serves HTTP; a command runs and exits. A command's own
/// arguments are not configuration: settings reach commands through appsettings and the environment.
/// </summary>
public sealed record AdminCommand(string? Name, string[] HostArgs, string[] CommandArgs, bool IsHelp, int ExitCode)
{
    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>
    {
        ["migrate"] = "Apply the database migrations of the configured provider (SQLite or PostgreSQL).",
        ["seed"] = "Add a demo data set: 20 customers, 10 items, 50 orders. Running it again adds nothing.",
        ["createsuperuser"] = "Create an admin user: prompts, or --username --email --password, or CUSTORDER_SUPERUSER_USERNAME/EMAIL/PASSWORD.",
        ["createuser"] = "Create a user with a role: --role admin|staff|viewer --username U --email E --password P.",
        ["createapplication"] = "Register a client: <public|confidential> <authorization-code|client-credentials> --name N [--redirect-uris \"a b\"] [--post-logout-redirect-uris \"a b\"] [--scopes \"...\"] [--client-id ID] [--client-secret S] [--allowed-origin https://shop.example ...] [--skip-authorization].",
        ["pkce"] = "Print a fresh PKCE code_verifier and its S256 code_challenge.",
        ["help"] = "Show this help.",
    };

    public static AdminCommand Parse(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h")))
        {
            return new AdminCommand(null, args, [], IsHelp: false, ExitCode: 0);
        }

        var name = args[0];
        if (name is "help" or "--help" or "-h")
        {
            return new AdminCommand(null, [], [], IsHelp: true, ExitCode: 0);
        }

        if (!Commands.ContainsKey(name))
        {
            Console.Error.WriteLine($"Unknown command '{name}'.");
            return new AdminCommand(null, [], [], IsHelp: true, ExitCode: 2);
        }

        return new AdminCommand(name, [], args[1..], IsHelp: false, ExitCode: 0);
    }

    public static void PrintHelp(TextWriter output)
    {
        output.WriteLine("Usage: CustOrder.Api [command] [arguments]");
        output.WriteLine();
        output.WriteLine("With no command, serves HTTP on " + AppSetup.DefaultUrl + " (change with --urls or ASPNETCORE_URLS).");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var (name, description) in Commands)
        {
            output.WriteLine($"  {name,-18} {description}");
        }

        output.WriteLine();
        output.WriteLine("The database is SQLite (custorder.db) unless ConnectionStrings__Postgres is set.");
    }
}
