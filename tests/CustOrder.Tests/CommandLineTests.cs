using CustOrder.Api.Cli;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

public sealed class CommandLineTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(new string[0], null, false, 0)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:9000" }, null, false, 0)]
    [InlineData(new[] { "migrate" }, "migrate", false, 0)]
    [InlineData(new[] { "seed", "--environment", "Production" }, "seed", false, 0)]
    [InlineData(new[] { "help" }, null, true, 0)]
    [InlineData(new[] { "--help" }, null, true, 0)]
    [InlineData(new[] { "frobnicate" }, null, true, 2)]
    public void Arguments_choose_between_serving_and_a_command(string[] args, string? name, bool help, int exitCode)
    {
        var command = AdminCommand.Parse(args);

        Assert.Equal(name, command.Name);
        Assert.Equal(help, command.IsHelp);
        Assert.Equal(exitCode, command.ExitCode);
    }

    [Fact]
    public async Task The_api_index_is_public_and_links_every_resource()
    {
        var index = await (await app.CreateClient().FetchAsync("/api")).ReadJsonAsync();

        Assert.Equal("http://localhost/api/v1/customers", index.Str("customers"));
        Assert.Equal("http://localhost/api/v1/items", index.Str("items"));
        Assert.Equal("http://localhost/api/v1/orders", index.Str("orders"));
    }
}
