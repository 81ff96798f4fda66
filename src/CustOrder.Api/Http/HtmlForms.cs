using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustOrder.Api.Http;

/// <summary>
/// An HTML form's fields as the JSON object the API would receive, so that the back-office pages
/// validate with the API's own <c>XxxInput.Read</c> functions: one set of rules, the same messages.
/// </summary>
public static class HtmlForms
{
    /// <summary>
    /// Every field is required, as on a create: an empty field is absent ("This field is required.").
    /// Fields named in <paramref name="integers"/> become JSON numbers when they are written as one,
    /// else they stay text and the reader refuses them as the API would.
    /// </summary>
    public static JsonForm ToJsonForm(IFormCollection form, IEnumerable<string> fields, params string[] integers)
    {
        var body = new JsonObject();
        foreach (var name in fields)
        {
            var values = form[name];
            if (values.Count > 1)
            {
                // A field sent twice is a list, not text: the reader refuses it as it refuses a JSON array.
                body[name] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
                continue;
            }

            var value = values.ToString();
            if (value.Length == 0)
            {
                continue;
            }

            body[name] = integers.Contains(name, StringComparer.Ordinal)
                && long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }

        return new JsonForm(JsonSerializer.SerializeToElement(body), partial: false);
    }
}
