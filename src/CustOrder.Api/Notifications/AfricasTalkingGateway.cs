using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CustOrder.Api.Notifications;

/// <summary>
/// Africa's Talking's bulk SMS API over a typed HttpClient (their SDK turns off TLS checks
/// process-wide). The provider answers 201 even when the recipient failed, so the outcome is read
/// from <c>SMSMessageData.Recipients[0].statusCode</c>.
/// </summary>
public sealed partial class AfricasTalkingGateway(HttpClient http, IOptions<SmsOptions> options, ILogger<AfricasTalkingGateway> logger) : ISmsGateway
{
    private static readonly int[] AcceptedCodes = [100, 101, 102];

    // InvalidSenderId, InvalidPhoneNumber, UnsupportedNumberType, UserInBlacklist: sending again cannot help.
    private static readonly int[] PermanentCodes = [402, 403, 404, 406];

    public string Name => "africastalking";

    public async Task<SmsSendResult> SendAsync(string recipient, string message, CancellationToken cancellationToken)
    {
        var settings = options.Value.AfricasTalking;
        var fields = new List<KeyValuePair<string, string>> { new("username", settings.Username!), new("to", recipient), new("message", message) };
        if (!string.IsNullOrWhiteSpace(settings.SenderId))
        {
            fields.Add(new("from", settings.SenderId));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "version1/messaging") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("apiKey", settings.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            return new SmsSendResult.Retry(null, Trim($"Network error: {failure.Message}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SmsSendResult.Retry(null, $"No answer within {http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            return Interpret(response.StatusCode, body);
        }
    }

    private SmsSendResult Interpret(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (status == HttpStatusCode.Unauthorized)
        {
            LogBadApiKey(logger);
            return new SmsSendResult.Retry(code, "The provider refused the API key (HTTP 401).");
        }

        if (code >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            return new SmsSendResult.Retry(code, Trim($"Provider error HTTP {code}: {body}"));
        }

        if (code is < 200 or >= 300)
        {
            return new SmsSendResult.Rejected(code, Trim($"Provider refused the request, HTTP {code}: {body}"));
        }

        if (FirstRecipient(body) is not { } recipient)
        {
            // Unreadable: it may or may not have gone out; never call it sent.
            return new SmsSendResult.Retry(code, Trim($"Unreadable provider answer: {body}"));
        }

        var recipientCode = Property(recipient, "statusCode") is { ValueKind: JsonValueKind.Number } c && c.TryGetInt32(out var n) ? n : 0;
        var statusText = Property(recipient, "status")?.ToString() ?? "";
        if (AcceptedCodes.Contains(recipientCode))
        {
            return new SmsSendResult.Accepted(Property(recipient, "messageId")?.ToString(), Property(recipient, "cost")?.ToString(), recipientCode);
        }

        return PermanentCodes.Contains(recipientCode)
            ? new SmsSendResult.Rejected(recipientCode, $"{recipientCode} {statusText}")
            : new SmsSendResult.Retry(recipientCode, $"{recipientCode} {statusText}");
    }

    /// <summary>The first recipient of a JSON answer, or null for anything else (text, XML, other shapes).</summary>
    private static JsonElement? FirstRecipient(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Property(document.RootElement, "SMSMessageData") is { } data
                && Property(data, "Recipients") is { ValueKind: JsonValueKind.Array } recipients
                && recipients.GetArrayLength() > 0
                && recipients[0].ValueKind == JsonValueKind.Object
                ? recipients[0].Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A property of an object, its name matched without regard to case.</summary>
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static string Trim(string text) => text.Length <= 500 ? text : text[..497] + "...";

    [LoggerMessage(Level = LogLevel.Error, Message = "Africa's Talking refused the API key (HTTP 401): check Sms:AfricasTalking:ApiKey and Username. Messages stay queued and are retried.")]
    private static partial void LogBadApiKey(ILogger logger);
}
