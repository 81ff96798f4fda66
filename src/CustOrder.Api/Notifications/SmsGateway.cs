namespace CustOrder.Api.Notifications;

/// <summary>What became of one send: accepted by the provider, refused for good, or worth another try.</summary>
public abstract record SmsSendResult
{
    public sealed record Accepted(string? MessageId, string? Cost, int? StatusCode) : SmsSendResult;

    public sealed record Rejected(int? StatusCode, string Reason) : SmsSendResult;

    public sealed record Retry(int? StatusCode, string Reason) : SmsSendResult;
}

public interface ISmsGateway
{
    /// <summary>The name stored with each row it sends ("africastalking", "log").</summary>
    string Name { get; }

    Task<SmsSendResult> SendAsync(string recipient, string message, CancellationToken cancellationToken);
}

/// <summary>The gateway when no provider is configured: the message goes to the log, so a plain <c>dotnet run</c> works.</summary>
internal sealed partial class LogSmsGateway(ILogger<LogSmsGateway> logger) : ISmsGateway
{
    public string Name => "log";

    public Task<SmsSendResult> SendAsync(string recipient, string message, CancellationToken cancellationToken)
    {
        var masked = PhoneMask.Mask(recipient);
        LogMessage(logger, masked, message);
        return Task.FromResult<SmsSendResult>(new SmsSendResult.Accepted(MessageId: null, Cost: null, StatusCode: null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS (log gateway, not sent) to {Recipient}: {Message}")]
    private static partial void LogMessage(ILogger logger, string recipient, string message);
}

public static class PhoneMask
{
    /// <summary>+254712345001 → +2547*****001: enough to tell numbers apart in logs, not enough to call.</summary>
    public static string Mask(string phone) =>
        phone.Length <= 8 ? new string('*', phone.Length) : phone[..5] + new string('*', phone.Length - 8) + phone[^3..];
}
