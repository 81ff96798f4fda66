using System.Text.Json;
using CsCheck;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>
/// A property-based sweep (CsCheck, fixed seed) of malformed and hostile requests over every endpoint family:
/// none may answer 5xx, and every 4xx follows its family's error contract.
/// </summary>
public sealed class BadInputSweepTests(SmsApiFactory app) : IClassFixture<SmsApiFactory>
{
    private const int Requests = 2400;

    private static readonly ulong Seed = ulong.Parse(Environment.GetEnvironmentVariable("CUSTORDER_SWEEP_SEED") ?? "20261203", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Thousands_of_hostile_requests_never_get_a_5xx_and_every_4xx_has_its_familys_error_shape()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var shop = new Shop(app.CreateApiClient());
        var customer = await shop.CustomerAsync();
        var item = await shop.ItemAsync();
        var order = await shop.OrderAsync(customer, item);
        var notification = order.GetProperty("notification").Str("id");
        var token = await app.Clients.MachineTokenAsync([]);
        var requests = HostileRequests.For(token, customer.Str("id"), item.Str("id"), order.Str("id"), notification, SmsApiFactory.DeliveryToken);

        var random = new PCG(7, Seed);
        var histogram = new SortedDictionary<int, int>();
        var failures = new List<string>();
        using var client = app.CreateDefaultClient();
        for (var n = 0; n < Requests; n++)
        {
            var request = requests.Generate(random, null, out _);
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, cancellation);
            var status = (int)response.StatusCode;
            histogram[status] = histogram.GetValueOrDefault(status) + 1;
            if (await Violation(request, response) is { } violation && failures.Count < 25)
            {
                failures.Add($"{status} {violation}: {request}");
            }
        }

        TestContext.Current.SendDiagnosticMessage($"Bad-input sweep: {Requests} hostile requests (CsCheck, seed {Seed}); status codes: " +
            string.Join(", ", histogram.Select(pair => $"{pair.Key}×{pair.Value}")) + ".");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What is wrong with an answer, or null: a 5xx, or a 4xx without its family's error body.</summary>
    private static async Task<string?> Violation(HostileRequest request, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400 || request.Method == "HEAD")
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return request.Family switch
        {
            EndpointFamily.Api => ProblemViolation(mediaType, text, status),
            EndpointFamily.OAuth => OAuthErrorViolation(mediaType, text) is { } oauth && ProblemViolation(mediaType, text, status) is not null ? oauth : null,
            _ => mediaType == "text/html" || ProblemViolation(mediaType, text, status) is null ? null : $"neither an HTML page nor a problem document ({mediaType}): {text}",
        };
    }

    private static string? ProblemViolation(string? mediaType, string text, int status)
    {
        if (mediaType != "application/problem+json")
        {
            return $"not a problem document ({mediaType}): {text}";
        }

        var problem = JsonDocument.Parse(text).RootElement;
        return problem.TryGetProperty("type", out var type) && type.GetString() is { Length: > 0 }
            && problem.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 }
            && problem.TryGetProperty("status", out var code) && code.GetInt32() == status
            ? null : $"a problem document without type, title or the status: {text}";
    }

    /// <summary>RFC 6749 §5.2: a JSON object whose "error" is an error code.</summary>
    private static string? OAuthErrorViolation(string? mediaType, string text) =>
        mediaType == "application/json" && JsonDocument.Parse(text).RootElement is { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 }
            ? null : $"not an OAuth error ({mediaType}): {text}";
}
