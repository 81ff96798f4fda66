using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CustOrder.Api.Observability;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>An order's SMS, sent later by the dispatcher, belongs to the trace of the request that created the order.</summary>
public sealed class TraceContextTests(SmsApiFactory app) : IClassFixture<SmsApiFactory>
{
    [Fact]
    public async Task The_dispatchers_send_span_is_a_child_of_the_order_requests_span()
    {
        var finished = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AppTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var client = app.CreateApiClient();
        var shop = new Shop(client);
        var customer = await shop.CustomerAsync();
        var item = await shop.ItemAsync();
        // The caller's own trace, as a gateway or another service would send it.
        var callerTrace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = HttpExtensions.JsonContent(new { customer = customer.Str("id"), item = item.Str("id"), quantity = 2 }),
        };
        request.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");

        var order = await (await client.SendAsync(request, TestContext.Current.CancellationToken)).ReadJsonAsync(HttpStatusCode.Created);
        var send = await SendSpanAsync(finished, order.Str("id"));

        var orderRequest = finished.Single(a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn" && a.TraceId == callerTrace && a.ParentSpanId == callerSpan);
        Assert.Equal(callerTrace, send.TraceId);
        Assert.Equal(orderRequest.SpanId, send.ParentSpanId);
        Assert.Equal("sent", send.GetTagItem("custorder.sms.outcome"));
        Assert.Single(app.Provider.Received, sms => sms.Message.Contains(customer.Str("last_name"), StringComparison.Ordinal));
    }

    /// <summary>The dispatcher's finished send span for the order (within 5 s).</summary>
    private static async Task<Activity> SendSpanAsync(ConcurrentQueue<Activity> finished, string orderId)
    {
        var clock = Stopwatch.StartNew();
        Activity? send;
        while ((send = finished.FirstOrDefault(a => a.OperationName == AppTracing.SmsSendActivity && (string?)a.GetTagItem("custorder.order.id") == orderId)) is null
            && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.NotNull(send);
        return send;
    }
}
