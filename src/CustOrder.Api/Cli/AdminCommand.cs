namespace CustOrder.Api.Cli;

/// <summary>
/// The command line: <c>CustOrder.Api [command] [host options]</c>. With no command (or only
/// options such as <c>--urls</c>) the app serves HTTP; a command runs and exits.
/// </summary>
public sealed record AdminCommand(string? Name, string[] HostArgs, bool IsHelp, int ExitCode)
{
    public static readonly IReadOnlyDictionary<string, string> Commands = new Dictionary<string, string>
    {
        ["migrate"] = "Apply the database migrations of the configured provider (SQLite or PostgreSQL).",
        ["seed"] = "Add a demo data set: 20 customers, 10 items, 50 orders. Running it again adds nothing.",
        ["help"] = "Show this help.",
    };

    public static AdminCommand Parse(string[] args)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h")))
        {
            return new AdminCommand(null, args, IsHelp: false, ExitCode: 0);
        }

        var name = args[0];
        if (name is "help" or "--help" or "-h")
        {
            return new AdminCommand(null, [], IsHelp: true, ExitCode: 0);
        }

        if (!Commands.ContainsKey(name))
        {
            Console.Error.WriteLine($"Unknown command '{name}'.");
            return new AdminCommand(null, [], IsHelp: true, ExitCode: 2);
        }

        return new AdminCommand(name, args[1..], IsHelp: false, ExitCode: 0);
    }

    public static void PrintHelp(TextWriter output)
    {
        output.WriteLine("Usage: CustOrder.Api [command] [options]");
        output.WriteLine();
        output.WriteLine("With no command, serves HTTP on " + AppSetup.DefaultUrl + " (change with --urls or ASPNETCORE_URLS).");
        output.WriteLine();
        output.WriteLine("Commands:");
        foreach (var (name, description) in Commands)
        {
            output.WriteLine($"  {name,-10} {description}");
        }

        output.WriteLine();
        output.WriteLine("The database is SQLite (custorder.db) unless ConnectionStrings__Postgres is set.");
    }
}
