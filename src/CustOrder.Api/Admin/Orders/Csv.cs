using System.Buffers;

namespace CustOrder.Api.Admin.Orders;

/// <summary>RFC 4180 CSV that a spreadsheet opens safely.</summary>
public static class Csv
{
    // A cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP); tab and CR too.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>The cell as written: a leading formula character is prefixed with ', and the cell quoted when it must be.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.AsSpan().ContainsAny(NeedsQuotes) || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>One record, ended with CRLF as RFC 4180 says.</summary>
    public static async Task WriteLineAsync(TextWriter writer, params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                await writer.WriteAsync(',');
            }

            await writer.WriteAsync(Cell(cells[i]));
        }

        await writer.WriteAsync("\r\n");
    }
}
