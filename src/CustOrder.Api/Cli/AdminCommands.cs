using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CustOrder.Api.Cli;

public static class AdminCommands
{
    /// <summary>Runs a parsed command against the built (not started) app; returns the exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, AdminCommand command)
    {
        try
        {
            return await RunCommandAsync(app, command.Name!, command.CommandArgs);
        }
        catch (CommandException refusal)
        {
            await Console.Error.WriteLineAsync(refusal.Message);
            return 2;
        }
    }

    private static async Task<int> RunCommandAsync(WebApplication app, string name, string[] args)
    {
        var cancellation = app.Lifetime.ApplicationStopping;
        var database = DatabaseSetup.Describe(app.Configuration);
        switch (name)
        {
            case "migrate":
                var applied = await app.Services.MigrateDatabaseAsync(cancellation);
                Console.WriteLine(applied.Count == 0
                    ? $"{database}: no migrations to apply."
                    : $"{database}: applied {string.Join(", ", applied)}.");
                return 0;
            case "seed":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    if ((await db.Database.GetPendingMigrationsAsync(cancellation)).Any())
                    {
                        await Console.Error.WriteLineAsync($"{database} is not migrated. Run the 'migrate' command first.");
                        return 1;
                    }

                    var added = await DemoData.SeedAsync(db, scope.ServiceProvider, cancellation);
                    Console.WriteLine($"{database}: added {added}.");
                }

                return 0;
            case "createsuperuser":
                return await UserCommands.CreateSuperuserAsync(app.Services, args, Console.Out);
            case "createuser":
                return await UserCommands.CreateUserAsync(app.Services, args, Console.Out);
            case "createapplication":
                return await ApplicationCommands.CreateApplicationAsync(app.Services, args, Console.Out);
            case "pkce":
                return ApplicationCommands.Pkce(Console.Out);
            default:
                AdminCommand.PrintHelp(Console.Error);
                return 2;
        }
    }
}
