using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// A stand-in for Africa's Talking's SMS API on a loopback port, reached by the app's real HTTP
/// client. It records every request and answers from a script: a queue of canned replies, then success.
/// </summary>
public sealed class FakeAfricasTalking : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private int _messageNumber;
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentQueue<ReceivedSms> Received { get; } = new();

    public string BaseUrl { get; }

    /// <summary>How long each request takes to be answered, as a provider on another continent would.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most requests it has had open at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    private FakeAfricasTalking(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeAfricasTalking> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeAfricasTalking? fake = null;
        app.MapPost("/version1/messaging", async context => await fake!.HandleAsync(context));
        await app.StartAsync();
        fake = new FakeAfricasTalking(app, app.Urls.Single());
        return fake;
    }

    /// <summary>The next request gets this HTTP status and body (JSON, text, anything).</summary>
    public void ThenReply(int status, string body, string contentType = "application/json") => _script.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    });

    /// <summary>The next request gets a 201 whose recipient has this Africa's Talking status code.</summary>
    public void ThenRecipientStatus(int statusCode, string status) => ThenReply(201,
        $$$"""{"SMSMessageData":{"Message":"Sent to 0/1","Recipients":[{"statusCode":{{{statusCode}}},"number":"+254712345678","status":"{{{status}}}","cost":"0","messageId":"None"}]}}""");

    /// <summary>The next request is answered only after this delay (to outlast the client's timeout).</summary>
    public void ThenStall(TimeSpan delay) => _script.Enqueue(async context => await Task.Delay(delay, context.RequestAborted));

    private async Task HandleAsync(HttpContext context)
    {
        var open = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (open > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, open, seen) != seen)
            {
            }

            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }

            await AnswerAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        Received.Enqueue(new ReceivedSms(form["username"].ToString(), form["to"].ToString(), form["message"].ToString(),
            form["from"].ToString(), context.Request.Headers["apiKey"].ToString(), context.Request.Headers.Accept.ToString()));
        if (_script.TryDequeue(out var reply))
        {
            await reply(context);
            return;
        }

        // The provider's own spelling: PascalCase envelope, camelCase recipient fields.
        var id = Interlocked.Increment(ref _messageNumber);
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$$"""
            {"SMSMessageData":{"Message":"Sent to 1/1 Total Cost: KES 0.8000","Recipients":[{"statusCode":101,"number":"{{{form["to"]}}}","status":"Success","cost":"KES 0.8000","messageId":"ATXid_{{{id}}}"}]}}
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedSms(string Username, string To, string Message, string From, string ApiKey, string Accept);
