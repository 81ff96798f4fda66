using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace CustOrder.Api.Customers;

public sealed class PhoneNumberOptions
{
    public const string Section = "PhoneNumbers";

    /// <summary>Region (ISO 3166 alpha-2) assumed for numbers written without a country code.</summary>
    [Required]
    public string DefaultRegion { get; set; } = "KE";
}

/// <summary>Validates phone numbers and writes them in E.164 (libphonenumber).</summary>
public sealed class PhoneNumberNormalizer(IOptions<PhoneNumberOptions> options)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164 (+254712345678), or null when it is not a valid number.</summary>
    public string? ToE164(string text)
    {
        try
        {
            var number = Util.Parse(text, options.Value.DefaultRegion);
            // E.164 has no room for an extension: refuse it rather than silently drop it.
            return Util.IsValidNumber(number) && !number.HasExtension ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    public static bool IsSupportedRegion(string region) => Util.GetSupportedRegions().Contains(region);
}

public static class PhoneNumberSetup
{
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services)
    {
        services.AddOptions<PhoneNumberOptions>()
            .BindConfiguration(PhoneNumberOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => PhoneNumberNormalizer.IsSupportedRegion(o.DefaultRegion),
                "PhoneNumbers:DefaultRegion must be a region code libphonenumber knows, such as KE.")
            .ValidateOnStart();
        services.AddSingleton<PhoneNumberNormalizer>();
        return services;
    }
}
