using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CustOrder.Tests;

/// <summary>The Prometheus scrape endpoint and the business metrics on it.</summary>
public sealed partial class MetricsTests(MetricsApiFactory app) : IClassFixture<MetricsApiFactory>
{
    [Fact]
    public async Task After_an_order_metrics_count_the_order_and_its_sent_sms()
    {
        var client = app.CreateApiClient();
        var before = await ScrapeAsync(client);
        var shop = new Shop(client);

        var order = await shop.OrderAsync(await shop.CustomerAsync(), await shop.ItemAsync());
        await SmsSentAsync(client, order.Str("id"));
        var after = await ScrapeUntilAsync(client, text => Sum(text, "custorder_sms_sent_total", "outcome=\"sent\"") > Sum(before, "custorder_sms_sent_total", "outcome=\"sent\""));

        Assert.True(Sum(after, "custorder_orders_created_total") >= Sum(before, "custorder_orders_created_total") + 1, after);
        Assert.True(Sum(after, "custorder_sms_sent_total", "outcome=\"sent\"") >= Sum(before, "custorder_sms_sent_total", "outcome=\"sent\"") + 1, after);
        Assert.True(Sum(after, "custorder_sms_send_duration_seconds_count", "outcome=\"sent\"") >= 1, after);
        // Runtime metrics too. (ASP.NET Core's own meters are per host: in this test process another host's
        // shutdown can end their shared streams, so they are not asserted here.)
        Assert.Contains("dotnet_process_cpu_count", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Metrics_answers_only_get_and_head(string method)
    {
        var response = await app.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/metrics"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_needs_no_token_and_answers_in_the_prometheus_text_format()
    {
        var response = await app.CreateClient().FetchAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    /// <summary>The dispatcher has marked the order's SMS sent (log gateway), within 5 s.</summary>
    private static async Task SmsSentAsync(HttpClient client, string orderId)
    {
        var clock = Stopwatch.StartNew();
        string status;
        do
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            status = (await (await client.FetchAsync($"/api/v1/orders/{orderId}")).ReadJsonAsync()).GetProperty("notification").Str("status");
        }
        while (status != "sent" && clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal("sent", status);
    }

    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.FetchAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Scrapes until the text satisfies the condition (the exporter caches a scrape briefly), for at most 5 s.</summary>
    public static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        var text = await ScrapeAsync(client);
        while (!condition(text) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            text = await ScrapeAsync(client);
        }

        return text;
    }

    /// <summary>The sum of a metric's samples (those whose labels contain <paramref name="label"/>, when given); 0 when absent.</summary>
    public static double Sum(string exposition, string metric, string? label = null) => Sample().Matches(exposition)
        .Where(m => m.Groups["name"].Value == metric && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)(?: \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Sample();
}

/// <summary>Without Metrics:Prometheus there is no scrape endpoint.</summary>
public sealed class MetricsOffTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Metrics_is_404_unless_prometheus_is_turned_on()
    {
        var response = await app.CreateClient().FetchAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The app with the Prometheus endpoint on and the outbox gauge refreshed often.</summary>
public sealed class MetricsApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Prometheus", "true");
        builder.UseSetting("Metrics:OutboxPendingRefresh", "00:00:00.100");
    }
}
