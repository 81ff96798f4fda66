using System.ComponentModel.DataAnnotations;

namespace CustOrder.Api.Notifications;

public enum SmsProvider
{
    Log,
    AfricasTalking,
}

/// <summary>Settings under <c>Sms</c>: which gateway, what the message says, how retries back off.</summary>
public sealed class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

    public SmsProvider Provider { get; set; } = SmsProvider.Log;

    /// <summary>Run the dispatcher in this instance; off for instances that should only serve HTTP.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    [Required]
    public string MessageTemplate { get; set; } =
        "Hello {first_name} {last_name}, your order of {quantity} {item_name}(s), for a total of {currency} {total}, is ready for pickup. Thank you for your service.";

    [Required]
    public string Currency { get; set; } = "KES";

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles, with ±20% jitter (8 attempts ≈ an hour in all).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the dispatcher looks for due rows when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A row claimed but not finished by then (its instance died) is taken up again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>How many messages of a batch are at the provider at once, per instance.</summary>
    [Range(1, 64)]
    public int SendConcurrency { get; set; } = 8;

    public AfricasTalkingOptions AfricasTalking { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == SmsProvider.AfricasTalking)
        {
            if (string.IsNullOrWhiteSpace(AfricasTalking.Username))
            {
                yield return new ValidationResult("Sms:AfricasTalking:Username is required when Sms:Provider is AfricasTalking.");
            }

            if (string.IsNullOrWhiteSpace(AfricasTalking.ApiKey))
            {
                yield return new ValidationResult("Sms:AfricasTalking:ApiKey is required when Sms:Provider is AfricasTalking.");
            }
        }

        if (FirstRetryDelay <= TimeSpan.Zero || Lease <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Sms delays (FirstRetryDelay, Lease, PollInterval) must be positive.");
        }
    }
}

public sealed class AfricasTalkingOptions
{
    public const string LiveBaseUrl = "https://api.africastalking.com";
    public const string SandboxBaseUrl = "https://api.sandbox.africastalking.com";

    public string? Username { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>A registered sender id or short code; the account's default when empty.</summary>
    public string? SenderId { get; set; }

    /// <summary>Overrides the host; by default live, or the sandbox when the username is "sandbox".</summary>
    public string? BaseUrl { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The secret the delivery-report callback URL carries as ?token=.</summary>
    public string? DeliveryReportToken { get; set; }

    public Uri EffectiveBaseUrl => new(!string.IsNullOrWhiteSpace(BaseUrl) ? BaseUrl
        : string.Equals(Username, "sandbox", StringComparison.Ordinal) ? SandboxBaseUrl : LiveBaseUrl);
}
