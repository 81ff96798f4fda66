using System.Net;
using System.Text.Json;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace CustOrder.Tests;

/// <summary>A machine client registered on the applications pages follows its owner's current role and lockout.</summary>
public sealed class OwnedApplicationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_demoted_owners_machine_client_gets_only_read_scopes_and_nothing_once_the_owner_is_locked()
    {
        var (clientId, secret, owner) = await RegisterOwnedMachineClientAsync("owner-demoted", Roles.Staff);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(clientId, secret, Scopes.CustomersWrite)).StatusCode);

        await WithUsersAsync(async (users, roles) => Assert.Empty(await UserAccounts.SetRoleAsync(users, roles, (await users.FindByIdAsync(owner))!, Roles.Viewer)));

        var refused = await (await TokenAsync(clientId, secret, Scopes.CustomersWrite)).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_scope", refused.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(clientId, secret, Scopes.CustomersRead)).StatusCode);

        await WithUsersAsync(async (users, _) => await users.SetLockoutEndDateAsync((await users.FindByIdAsync(owner))!, DateTimeOffset.MaxValue));

        var locked = await (await TokenAsync(clientId, secret, Scopes.CustomersRead)).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("unauthorized_client", locked.GetProperty("error").GetString());
    }

    private async Task<(string ClientId, string Secret, string OwnerId)> RegisterOwnedMachineClientAsync(string username, string role)
    {
        string ownerId = "";
        await WithUsersAsync(async (users, roles) =>
        {
            Assert.Empty(await UserAccounts.CreateAsync(users, roles, username, null, "a long passphrase", role));
            ownerId = (await users.FindByNameAsync(username))!.Id;
        });

        var registration = new ClientRegistration($"{username}'s machine", Confidential: true, GrantKind.ClientCredentials, [], [], [], SkipAuthorization: false);
        var descriptor = registration.ToDescriptor(out var clientId, out var secret);
        descriptor.Properties[ApplicationDirectory.OwnerProperty] = JsonSerializer.SerializeToElement(ownerId);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor, TestContext.Current.CancellationToken);
        return (clientId, secret!, ownerId);
    }

    private Task<HttpResponseMessage> TokenAsync(string clientId, string secret, string scope) => app.Clients.TokenRequestAsync(new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
        ["scope"] = scope,
    });

    private async Task WithUsersAsync(Func<UserManager<IdentityUser>, RoleManager<IdentityRole>, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
    }
}
