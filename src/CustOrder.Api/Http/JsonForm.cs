using System.Globalization;
using System.Text.Json;

namespace CustOrder.Api.Http;

/// <summary>
/// Reads the fields of a JSON object one by one, with the expected JSON type for each, and collects
/// an error per bad field instead of failing on the first. For a create every field is required;
/// for a partial update (PATCH) an absent field is returned as null and left unchanged.
/// Fields the endpoint never asked for are reported by <see cref="RejectUnknownFields"/>.
/// </summary>
public sealed class JsonForm(JsonElement body, bool partial)
{
    private readonly HashSet<string> _known = [];

    public FieldErrors Errors { get; } = new();

    public bool IsValid => Errors.IsEmpty;

    public string? Text(string name, int maxLength = Limits.MaxNameLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return FailText(name, "Not a valid string.");
        }

        if (StringValue(value) is not { } text)
        {
            return FailText(name, "Not valid Unicode text.");
        }

        var error = TextRules.Check(ref text, maxLength);
        return error is null ? text : FailText(name, error);
    }

    public int? WholeNumber(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return Fail<int>(name, "A valid integer is required.");
        }

        if (number < min)
        {
            return Fail<int>(name, Invariant($"Ensure this value is greater than or equal to {min}."));
        }

        return number > max
            ? Fail<int>(name, Invariant($"Ensure this value is less than or equal to {max}."))
            : (int)number;
    }

    /// <summary>A money amount given as a JSON string ("19.99") or number (19.99), at most two decimals.</summary>
    public decimal? Money(string name, decimal max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : StringValue(value) ?? "";
        var error = Http.Money.TryParse(text, max, out var amount);
        return error switch
        {
            Http.Money.ParseError.None => amount,
            Http.Money.ParseError.TooManyDecimals => Fail<decimal>(name, "Ensure that there are no more than 2 decimal places."),
            Http.Money.ParseError.Negative => Fail<decimal>(name, "Ensure this value is greater than or equal to 0."),
            Http.Money.ParseError.TooLarge => Fail<decimal>(name, Invariant($"Ensure this value is less than or equal to {Http.Money.Format(max)}.")),
            _ => Fail<decimal>(name, "A valid number is required."),
        };
    }

    public Guid? Uuid(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return Guid.TryParse(StringValue(value), out var id)
            ? id
            : Fail<Guid>(name, "Must be a valid UUID.");
    }

    /// <summary>One of an enum's names, spelt exactly (numbers and other casings are refused).</summary>
    public TEnum? Choice<TEnum>(string name)
        where TEnum : struct, Enum
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (StringValue(value) is { } text && Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(text);
        }

        var choices = string.Join(", ", Enum.GetNames<TEnum>());
        return Fail<TEnum>(name, $"Not a valid choice; expected one of {choices}.");
    }

    public void RejectUnknownFields()
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Errors.Add(property.Name, "Unknown field.");
            }
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        if (!body.TryGetProperty(name, out value))
        {
            if (!partial)
            {
                Errors.Add(name, "This field is required.");
            }

            return false;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            Errors.Add(name, "This field may not be null.");
            return false;
        }

        return true;
    }

    private T? Fail<T>(string name, string message)
        where T : struct
    {
        Errors.Add(name, message);
        return null;
    }

    private string? FailText(string name, string message)
    {
        Errors.Add(name, message);
        return null;
    }

    /// <summary>
    /// The text of a JSON string, or null for another JSON type or for a string that is not valid
    /// Unicode (an unpaired surrogate such as "\ud800" is valid JSON but cannot become text).
    /// </summary>
    private static string? StringValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
