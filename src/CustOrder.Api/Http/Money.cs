using System.Globalization;
using System.Text.RegularExpressions;

namespace CustOrder.Api.Http;

/// <summary>Money on the wire: a string with exactly two decimals, as Django REST Framework writes it.</summary>
public static partial class Money
{
    public enum ParseError
    {
        None,
        NotANumber,
        TooManyDecimals,
        Negative,
        TooLarge,
    }

    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an amount from its decimal text ("19.99", "1.5E+1") exactly. The text is examined digit
    /// by digit rather than through <see cref="decimal"/>, which keeps only 28 significant digits and
    /// would round "1.000…0001" to 1 before the decimal places could be checked.
    /// </summary>
    public static ParseError TryParse(string text, decimal max, out decimal amount)
    {
        amount = 0;
        var match = NumberPattern().Match(text);
        if (!match.Success)
        {
            return ParseError.NotANumber;
        }

        var fraction = match.Groups["fraction"].Value;
        var significant = (match.Groups["integer"].Value + fraction).TrimStart('0');
        var digits = significant.TrimEnd('0');
        if (digits.Length == 0)
        {
            return ParseError.None;
        }

        var exponentText = match.Groups["exponent"].Value;
        if (!int.TryParse(exponentText.Length == 0 ? "0" : exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || Math.Abs(exponent) > 1000)
        {
            return exponentText.StartsWith('-') ? ParseError.TooManyDecimals : ParseError.TooLarge;
        }

        // The value is digits × 10^scale.
        var scale = exponent - fraction.Length + (significant.Length - digits.Length);
        if (scale < -2)
        {
            return ParseError.TooManyDecimals;
        }

        if (match.Groups["sign"].Value == "-")
        {
            return ParseError.Negative;
        }

        var maxWholeDigits = decimal.Truncate(max).ToString(CultureInfo.InvariantCulture).Length;
        if (digits.Length + scale > maxWholeDigits)
        {
            return ParseError.TooLarge;
        }

        amount = decimal.Parse(digits, CultureInfo.InvariantCulture);
        for (var n = 0; n < Math.Abs(scale); n++)
        {
            amount = scale > 0 ? amount * 10 : amount / 10;
        }

        return amount > max ? ParseError.TooLarge : ParseError.None;
    }

    [GeneratedRegex(@"^(?<sign>-?)(?<integer>[0-9]+)(?:\.(?<fraction>[0-9]+))?(?:[eE](?<exponent>[+-]?[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
