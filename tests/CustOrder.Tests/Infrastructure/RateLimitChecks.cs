using System.Diagnostics;
using System.Net;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Meeting a rate limit, checking its 429, and outwaiting it (bounded).</summary>
public static class RateLimitChecks
{
    /// <summary>
    /// Sends one more request than the limit allows, all at once so they land in one window however
    /// slow the machine, and returns a 429 among them. A window may still end midway and grant its
    /// permits again, so a few rounds are allowed.
    /// </summary>
    public static async Task<HttpResponseMessage> FirstRefusalAsync(Func<Task<HttpResponseMessage>> send, int permits)
    {
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, permits + 1).Select(_ => send()));
            if (responses.FirstOrDefault(response => response.StatusCode == HttpStatusCode.TooManyRequests) is { } refused)
            {
                return refused;
            }
        }

        Assert.Fail($"No 429 in {rounds} rounds of {permits + 1} requests for a limit of {permits}.");
        return null!;
    }

    public static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.Str("type"));
        Assert.Contains("try again in", problem.Str("detail"), StringComparison.Ordinal);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>Waits the Retry-After the refusal gave, then retries for at most five more seconds until served.</summary>
    public static async Task<HttpStatusCode> WaitUntilServedAsync(HttpResponseMessage refusal, Func<Task<HttpStatusCode>> send)
    {
        await Task.Delay(refusal.Headers.RetryAfter!.Delta!.Value, TestContext.Current.CancellationToken);
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = await send()) == HttpStatusCode.TooManyRequests && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return status;
    }
}
