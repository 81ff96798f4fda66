using System.Globalization;

namespace CustOrder.Api.Http;

/// <summary>Reads list parameters from the query string, collecting an error per bad parameter.</summary>
public sealed class QueryReader(IQueryCollection query)
{
    private static readonly string[] Iso8601Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public FieldErrors Errors { get; } = new();

    public bool IsValid => Errors.IsEmpty;

    public string? Text(string name, int maxLength = Limits.MaxNameLength)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }

        var error = TextRules.Check(ref text, maxLength, allowBlank: true);
        if (error is not null)
        {
            Errors.Add(name, error);
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    public int WholeNumber(string name, int fallback, int min, int max)
    {
        if (Raw(name) is not { } text)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"Must be a whole number from {min} to {max}."));
            return fallback;
        }

        return value;
    }

    public Guid? Uuid(string name)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        Errors.Add(name, "Must be a valid UUID.");
        return null;
    }

    /// <summary>A date (midnight UTC) or a date and time; without an offset the time is taken as UTC.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, Iso8601Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        Errors.Add(name, "Must be an ISO 8601 date or date-time, such as 2026-12-01 or 2026-12-01T08:30:00Z (write + as %2B).");
        return null;
    }

    public TEnum? Choice<TEnum>(string name)
        where TEnum : struct, Enum
    {
        if (Raw(name) is not { } text)
        {
            return null;
        }

        if (Enum.GetNames<TEnum>().Contains(text, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(text);
        }

        Errors.Add(name, $"Not a valid choice; expected one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>DRF's <c>?ordering=field</c> or <c>?ordering=-field</c> (descending), among the allowed fields.</summary>
    public Ordering? Ordering(params string[] allowed)
    {
        if (Raw("ordering") is not { } text)
        {
            return null;
        }

        var descending = text.StartsWith('-');
        var field = descending ? text[1..] : text;
        if (allowed.Contains(field, StringComparer.Ordinal))
        {
            return new Ordering(field, descending);
        }

        Errors.Add("ordering", $"Not a valid ordering; expected one of {string.Join(", ", allowed)}, optionally prefixed with '-'.");
        return null;
    }

    public PageRequest Page() => new(
        WholeNumber("limit", Limits.DefaultPageSize, 1, Limits.MaxPageSize),
        WholeNumber("offset", 0, 0, int.MaxValue));

    private string? Raw(string name) => query.TryGetValue(name, out var values) ? values[^1] : null;
}

public sealed record Ordering(string Field, bool Descending);
