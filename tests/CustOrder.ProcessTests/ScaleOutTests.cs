using System.Net;
using CustOrder.ProcessTests.Infrastructure;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.ProcessTests;

/// <summary>
/// Three instances (processes) on one PostgreSQL database, requests spread round-robin: they behave as one
/// service. Several processes on one SQLite file is not a supported deployment, so on SQLite this is skipped
/// (and with CI=true it fails instead: CI must run it on PostgreSQL).
/// </summary>
public sealed class ScaleOutTests
{
    private const string Phone = "+254712000401";
    private const int Orders = 60;

    [Fact]
    public async Task Three_instances_share_tokens_logins_and_the_sms_outbox()
    {
        if (!TestDatabase.UsesPostgres)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"In CI the scale-out test must run on PostgreSQL: set {TestDatabase.PostgresVariable}.");
            Assert.Skip($"Scale-out runs on PostgreSQL only (several processes on one SQLite file is not the deployment model); set {TestDatabase.PostgresVariable}.");
        }

        var cancellation = TestContext.Current.CancellationToken;
        await using var deployment = await Deployment.CreateAsync(cancellation);
        await deployment.RunAsync(cancellation, "createuser", "--role", "staff", "--username", "scaleout", "--email", "scaleout@example.com", "--password", Deployment.Password);
        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => deployment.StartInstanceAsync(cancellation)));

        // A token from any instance is accepted by every instance.
        var tokens = await Task.WhenAll(instances.Select(instance => deployment.MachineTokenAsync(instance.Address, cancellation)));
        foreach (var (token, issuer) in tokens.Select((token, n) => (token, n)))
        {
            foreach (var (instance, n) in instances.Select((instance, n) => (instance, n)))
            {
                using var api = ApiCalls.Client(instance.Address, token);
                using var response = await api.GetAsync(new Uri("api/v1/customers", UriKind.Relative), cancellation);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"A token from instance {issuer} on instance {n}: {(int)response.StatusCode}");
            }
        }

        await LogInThroughOneAndUseTheOthersAsync(instances, cancellation);

        // Orders spread round-robin; every SMS is sent once, by whichever dispatcher claimed it.
        var clients = instances.Select(instance => ApiCalls.Client(instance.Address, tokens[0])).ToList();
        var (customer, item) = await clients[0].ShopAsync(Phone, cancellation);
        await Parallel.ForEachAsync(Enumerable.Range(1, Orders), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = cancellation },
            async (quantity, token) => await clients[quantity % 3].CreateAsync("api/v1/orders", new { customer, item, quantity }, token));
        var unsent = await OutboxLedger.WaitUntilAllSentAsync(deployment, TimeSpan.FromSeconds(60), cancellation);
        await Task.Delay(300, cancellation); // a late double send would land by now
        var messages = OutboxLedger.MessagesPerQuantity(deployment, Phone);
        Assert.Equal(0, unsent);
        Assert.Equal(Enumerable.Range(1, Orders), messages.Keys.Order());
        Assert.All(messages, pair => Assert.True(pair.Value == 1, $"Order {pair.Key} was texted {pair.Value} times."));

        var path = "api/v1/orders?limit=10";
        var one = await Throughput.MeasureAsync(clients.Take(1).ToList(), path, TimeSpan.FromSeconds(3), workers: 6, cancellation);
        var three = await Throughput.MeasureAsync(clients, path, TimeSpan.FromSeconds(3), workers: 6, cancellation);
        TestContext.Current.SendDiagnosticMessage(
            $"Scale-out on {deployment.Database.Provider}: 3 instances, {tokens.Length}x{instances.Length} token checks and a login carried across all passed; " +
            $"{Orders} orders round-robin, {messages.Values.Sum()} SMS at the provider (each order once). GET /{path}, 6 clients, 3 s: " +
            $"one instance {one.PerSecond:F0}/s ({one.Requests}), three instances round-robin {three.PerSecond:F0}/s ({three.Requests}) " +
            $"on {Environment.ProcessorCount} CPU(s) shared by all processes.");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>The login form from one instance, posted to a second (antiforgery across instances), and the session used on all three.</summary>
    private static async Task LogInThroughOneAndUseTheOthersAsync(AppProcess[] instances, CancellationToken cancellation)
    {
        var cookies = new CookieContainer();
        HttpClient Browser(AppProcess instance) =>
            Deployment.Client(instance.Address, new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        using (var first = Browser(instances[0]))
        using (var second = Browser(instances[1]))
        {
            var page = await first.GetStringAsync(new Uri(LoginForm.Path, UriKind.Relative), cancellation);
            using var login = await second.PostAsync(new Uri(LoginForm.Path, UriKind.Relative), LoginForm.Fill(page, "scaleout", Deployment.Password), cancellation);
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"Login through the second instance: {(int)login.StatusCode}");
        }

        foreach (var instance in instances)
        {
            using var browser = Browser(instance);
            using var applications = await browser.GetAsync(new Uri("o/applications/", UriKind.Relative), cancellation);
            Assert.True(applications.StatusCode == HttpStatusCode.OK, $"The login on {instance.Address}: {(int)applications.StatusCode}");
        }

        // Without the cookie the same page sends to the login form: the check above means something.
        using var anonymous = Deployment.Client(instances[2].Address, new HttpClientHandler { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync(new Uri("o/applications/", UriKind.Relative), cancellation);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
