using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CustOrder.Api.Observability;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace CustOrder.Tests;

/// <summary>With OTLP configured, the exported trace of an order holds the request, its queries and the SMS send.</summary>
public sealed class TracingExportTests(TracedApiFactory app) : IClassFixture<TracedApiFactory>
{
    [Fact]
    public async Task An_orders_trace_holds_its_queries_and_its_sms_send_and_no_query_is_a_trace_of_its_own()
    {
        var shop = new Shop(app.CreateApiClient());
        var order = await shop.OrderAsync(await shop.CustomerAsync(), await shop.ItemAsync());
        var send = await ExportedAsync(a => a.OperationName == AppTracing.SmsSendActivity && (string?)a.GetTagItem("custorder.order.id") == order.Str("id"));

        var spans = app.Spans.ToList();
        var request = spans.Single(a => a.Kind == ActivityKind.Server && a.TraceId == send.TraceId);
        var queries = spans.Where(a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();

        Assert.Equal(request.SpanId, send.ParentSpanId);
        Assert.Contains(queries, q => q.TraceId == request.TraceId);
        // The dispatcher polls several times a second; none of those polls is exported as a trace.
        Assert.All(queries, q => Assert.NotEqual(default, q.ParentSpanId));
    }

    private async Task<Activity> ExportedAsync(Func<Activity, bool> match)
    {
        var clock = Stopwatch.StartNew();
        Activity? found;
        while ((found = app.Spans.ToList().FirstOrDefault(match)) is null && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.NotNull(found);
        return found;
    }
}

/// <summary>
/// The app exporting traces: OTLP pointed at a closed loopback port (its exports fail quietly), and an
/// in-memory exporter beside it for the test to read what is exported.
/// </summary>
public sealed class TracedApiFactory : ApiFactory
{
    private readonly List<Activity> _spans = [];

    public IEnumerable<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{ClosedPort()}");
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddProcessor(new SimpleActivityExportProcessor(new LockedInMemoryExporter(_spans)))));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Keeps exported spans in a list the test reads while the app exports.</summary>
public sealed class LockedInMemoryExporter(List<Activity> spans) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (spans)
        {
            foreach (var span in batch)
            {
                spans.Add(span);
            }
        }

        return ExportResult.Success;
    }
}
