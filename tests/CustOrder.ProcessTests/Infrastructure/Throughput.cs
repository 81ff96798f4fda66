using System.Diagnostics;
using System.Net;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>A bounded load: a few workers send GETs for a fixed time; reports answers per second (never asserted).</summary>
public static class Throughput
{
    public static async Task<(int Requests, double PerSecond)> MeasureAsync(
        IReadOnlyList<HttpClient> instances, string path, TimeSpan duration, int workers, CancellationToken cancellationToken)
    {
        var answered = 0;
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                // Round-robin over the instances, as a load balancer spreads requests.
                var http = instances[Interlocked.Increment(ref next) % instances.Count];
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref answered);
            }
        }, cancellationToken)));
        return (answered, answered / clock.Elapsed.TotalSeconds);
    }
}
