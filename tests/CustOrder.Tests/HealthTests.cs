using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustOrder.Tests;

/// <summary>Liveness and readiness, as load balancers and container runtimes ask for them.</summary>
public sealed class HealthTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Live_and_ready_answer_200_without_a_token_listing_each_check()
    {
        var client = app.CreateClient();
        var live = await client.FetchAsync("/health/live");
        JsonElement ready;
        var clock = Stopwatch.StartNew();
        do
        {
            // The dispatcher's first pass may still be under way just after start.
            ready = await (await client.FetchAsync("/health/ready")).ReadJsonAsync(HttpStatusCode.OK);
        }
        while (ready.Str("status") != "Healthy" && clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.Str("status"));
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").Str("status"));
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("sms_dispatcher").Str("status"));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Health_answers_get_only(string method)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/health/ready"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_database_without_its_migrations_is_not_ready()
    {
        await using var unmigrated = new UnmigratedApiFactory();
        var client = unmigrated.CreateClient();
        // An empty database, as a fresh server holds before anyone ran `migrate`.
        await unmigrated.WithDbAsync(async db =>
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(TestContext.Current.CancellationToken);
            return true;
        });

        var live = await client.FetchAsync("/health/live");
        var ready = await client.FetchAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var body = await ready.ReadJsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("pending", body.GetProperty("checks").GetProperty("database").Str("description"), StringComparison.Ordinal);
    }
}

/// <summary>The app started on a database nobody migrated (Production's default without the migrate command).</summary>
public sealed class UnmigratedApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MigrateOnStart", "false");
        builder.UseSetting("Sms:DispatcherEnabled", "false");
    }
}
