using System.Globalization;

namespace CustOrder.Api.Http;

/// <summary>Rules for free text, shared by request bodies and query strings.</summary>
public static class TextRules
{
    /// <summary>Trims the text and returns the error message it breaks, or null when it is acceptable.</summary>
    public static string? Check(ref string text, int maxLength, bool allowBlank = false)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "Null characters are not allowed.";
        }

        text = text.Trim();
        if (!allowBlank && text.Length == 0)
        {
            return "This field may not be blank.";
        }

        // Counted in Unicode characters, as PostgreSQL and SQLite count them.
        var length = text.EnumerateRunes().Count();
        return length > maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"Ensure this field has no more than {maxLength} characters.")
            : null;
    }
}
