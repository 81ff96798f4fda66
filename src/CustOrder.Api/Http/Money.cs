using System.Globalization;

namespace CustOrder.Api.Http;

/// <summary>Money on the wire: a string with exactly two decimals, as Django REST Framework writes it.</summary>
public static class Money
{
    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;
}
