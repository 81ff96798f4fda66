using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>
/// Places orders the way a careful client does: each with its own Idempotency-Key, sent again with the
/// same key and body until an answer arrives (connection refused or reset, timeout), to whichever
/// instance is current. Records what it was told: the order acknowledged for each request.
/// </summary>
public sealed class RetryingOrderClient(Func<Uri> instance, string token, string customerId, string itemId) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _resent;
    private int _replayed;

    /// <summary>Quantity (unique per request, so each order's SMS text is too) → the order id answered with 201.</summary>
    public ConcurrentDictionary<int, Guid> Acknowledged { get; } = new();

    /// <summary>Answers other than 201; there should be none.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public int Resent => _resent;

    public int Replayed => _replayed;

    /// <summary>Sends one order until it is acknowledged, or until <paramref name="giveUp"/>.</summary>
    public async Task PlaceAsync(int quantity, CancellationToken giveUp)
    {
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { customer = customerId, item = itemId, quantity });
        for (var attempt = 0; !giveUp.IsCancellationRequested; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _resent);
                await Task.Delay(50, CancellationToken.None);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance(), "api/v1/orders"))
            {
                Content = new StringContent(body, MediaTypeHeaderValue.Parse("application/json")),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            request.Headers.Host = Deployment.PublicHost;
            try
            {
                using var response = await _http.SendAsync(request, giveUp);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Unexpected.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(giveUp)}");
                    return;
                }

                var order = await response.Content.ReadFromJsonAsync<JsonElement>(giveUp);
                Acknowledged[quantity] = order.GetProperty("id").GetGuid();
                if (response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"))
                {
                    Interlocked.Increment(ref _replayed);
                }

                return;
            }
            catch (Exception lost) when (lost is HttpRequestException or TaskCanceledException or IOException or JsonException && !giveUp.IsCancellationRequested)
            {
                // No answer (the instance died, or is not up yet): send the same request again.
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
