using System.Net;
using System.Security.Cryptography;
using System.Text;
using CustOrder.Api.Cli;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests;

/// <summary>createsuperuser, createuser, createapplication and pkce, run against the app's services.</summary>
public sealed class AuthCommandTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private static Dictionary<string, string> Lines(string output) => output
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => line.Contains(": ", StringComparison.Ordinal))
        .ToDictionary(line => line[..line.IndexOf(": ", StringComparison.Ordinal)], line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]);

    [Fact]
    public async Task Createsuperuser_without_prompts_creates_an_admin_once()
    {
        var username = Shop.Unique("boss");
        string[] args = ["--username", username, "--email", "boss@shop.example", "--password", "a long passphrase", "--no-input"];
        var output = new StringWriter();

        Assert.Equal(0, await UserCommands.CreateSuperuserAsync(app.Services, args, output));
        Assert.Equal(0, await UserCommands.CreateSuperuserAsync(app.Services, args, output));

        Assert.Contains("already exists", output.ToString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync(username))!, "admin"));
    }

    [Fact]
    public async Task Createsuperuser_without_input_or_values_refuses_instead_of_waiting()
    {
        var refusal = await Assert.ThrowsAsync<CommandException>(() =>
            UserCommands.CreateSuperuserAsync(app.Services, ["--no-input"], new StringWriter()));

        Assert.Contains("--username", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Createuser_refuses_an_unknown_role_and_a_short_password()
    {
        await Assert.ThrowsAsync<CommandException>(() =>
            UserCommands.CreateUserAsync(app.Services, ["--role", "owner", "--username", "x", "--password", "a long passphrase"], new StringWriter()));
        var weak = await Assert.ThrowsAsync<CommandException>(() =>
            UserCommands.CreateUserAsync(app.Services, ["--role", "viewer", "--username", Shop.Unique("v"), "--password", "short"], new StringWriter()));

        Assert.Contains("10", weak.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Createapplication_prints_an_id_and_secret_that_work_at_the_token_endpoint()
    {
        var output = new StringWriter();

        var exit = await ApplicationCommands.CreateApplicationAsync(app.Services,
            ["confidential", "client-credentials", "--name", "Nightly export", "--scopes", "orders:read"], output);

        Assert.Equal(0, exit);
        var printed = Lines(output.ToString());
        var response = await app.Clients.TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = printed["client_id"],
            ["client_secret"] = printed["client_secret"],
            ["scope"] = "orders:read",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("public", "client-credentials", "--name", "Bad")]
    [InlineData("public", "authorization-code", "--name", "No redirect")]
    [InlineData("public", "authorization-code", "--name", "Plain http", "--redirect-uris", "http://example.com/cb")]
    [InlineData("public", "authorization-code", "--name", "Fragment", "--redirect-uris", "https://example.com/cb#x")]
    [InlineData("confidential", "client-credentials", "--name", "Short secret", "--client-secret", "abc")]
    [InlineData("confidential", "client-credentials", "--name", "Typo", "--scope", "orders:read")]
    [InlineData("shared", "client-credentials", "--name", "Unknown type")]
    public async Task Createapplication_refuses_what_would_be_unsafe_or_wrong(params string[] args)
    {
        await Assert.ThrowsAsync<CommandException>(() => ApplicationCommands.CreateApplicationAsync(app.Services, args, new StringWriter()));
    }

    [Fact]
    public void Pkce_prints_a_verifier_and_its_s256_challenge()
    {
        var output = new StringWriter();

        ApplicationCommands.Pkce(output);

        var printed = Lines(output.ToString());
        Assert.Matches("^[A-Za-z0-9_-]{43}$", printed["code_verifier"]);
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(printed["code_verifier"])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, printed["code_challenge"]);
    }
}
