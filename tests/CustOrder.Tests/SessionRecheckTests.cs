using System.Net;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests;

/// <summary>A signed-in session follows its user: a lock or a demotion reaches it within the recheck interval (1 minute).</summary>
public sealed class SessionRecheckTests(ClockedApiFactory app) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task A_locked_staff_members_open_session_loses_write_access_within_a_minute()
    {
        var flow = new OAuthFlow(app);
        var username = await flow.CreateUserAsync(Roles.Staff);
        var staff = new BrowserSession(app);
        await staff.LogInAsync(username, OAuthFlow.Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin/customers/new", TestContext.Current.CancellationToken)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByNameAsync(username))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var after = await staff.Http.GetAsync("/admin/customers/new", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/accounts/login/", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
