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

        if (text.Any(char.IsControl))
        {
            return "Control characters are not allowed.";
        }

        text = text.Trim();
        if (!allowBlank && text.All(IsInvisible))
        {
            return "This field may not be blank.";
        }

        // Counted in Unicode characters, as PostgreSQL and SQLite count them.
        var length = text.EnumerateRunes().Count();
        return length > maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"Ensure this field has no more than {maxLength} characters.")
            : null;
    }

    /// <summary>White space and format characters such as the zero-width space: text of only these reads as blank.</summary>
    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
