using CustOrder.Api;
using CustOrder.Api.Auth;
using CustOrder.Api.Cli;

var command = AdminCommand.Parse(args);
if (command.IsHelp)
{
    AdminCommand.PrintHelp(Console.Out);
    return command.ExitCode;
}

if (command.Name == "pkce")
{
    // Needs neither database nor keys.
    return ApplicationCommands.Pkce(Console.Out);
}

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(command.HostArgs);
    builder.AddCustOrder();
    app = builder.Build();
}
catch (StartupException problem)
{
    Console.Error.WriteLine(problem.Message);
    return 1;
}

if (command.Name is not null)
{
    return await AdminCommands.RunAsync(app, command);
}

app.UseCustOrder();
await app.RunAsync();
return 0;
