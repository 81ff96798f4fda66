using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Readiness follows the database: not ready, quickly, while it cannot be reached; ready again once it is back.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Ready_is_503_while_the_database_is_unreachable_and_200_once_it_is_back()
    {
        await using var outage = DatabaseOutage.Create();
        await using var app = new OutageApiFactory(outage.Database);
        await app.InitializeAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ReadyWithinAsync(client, HttpStatusCode.OK)).Status);

        outage.Cut();
        var down = new List<(HttpStatusCode Status, JsonElement Body)>();
        try
        {
            // Several probes: on PostgreSQL the first may fail fast on a pooled connection the cut broke;
            // the next ones open new connections into the black hole and meet the check's timeout.
            for (var probe = 0; probe < 3; probe++)
            {
                var clock = Stopwatch.StartNew();
                down.Add(await ReadyAsync(client));
                TestContext.Current.SendDiagnosticMessage($"/health/ready with the {outage.Database.Provider} database cut answered {(int)down[^1].Status} in {clock.ElapsedMilliseconds} ms.");
            }
        }
        finally
        {
            outage.Restore();
        }

        var up = await ReadyWithinAsync(client, HttpStatusCode.OK);

        Assert.All(down, probe =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.Status);
            var database = probe.Body.GetProperty("checks").GetProperty("database");
            Assert.Equal("Unhealthy", database.Str("status"));
            Assert.StartsWith("Unreachable", database.Str("description"), StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.OK, up.Status);
        Assert.Equal("Healthy", up.Body.GetProperty("checks").GetProperty("database").Str("status"));
    }

    /// <summary>One readiness probe. A probe that hangs fails the test instead of holding it.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        hang.CancelAfter(TimeSpan.FromSeconds(20));
        var response = await client.GetAsync("/health/ready", hang.Token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(hang.Token)).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>Probes until the status is the expected one (a pooled connection broken by the cut may fail one probe), for at most 20 s.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyWithinAsync(HttpClient client, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        var result = await ReadyAsync(client);
        while (result.Status != expected && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            result = await ReadyAsync(client);
        }

        return result;
    }
}

/// <summary>The app on a database whose reachability the test controls.</summary>
public sealed class OutageApiFactory(TestDatabase database) : ApiFactory(database);
