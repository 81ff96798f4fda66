using System.Net;
using System.Text.RegularExpressions;

namespace CustOrder.ProcessTests.Infrastructure;

/// <summary>The login page's form as a browser submits it: its hidden inputs (antiforgery token, return URL) and the credentials.</summary>
public static partial class LoginForm
{
    public const string Path = "accounts/login/";

    public static FormUrlEncodedContent Fill(string html, string username, string password)
    {
        var fields = HiddenInput().Matches(html)
            .Select(input => (Name: Name().Match(input.Value).Groups[1].Value, Value: WebUtility.HtmlDecode(Value().Match(input.Value).Groups[1].Value)))
            .Where(field => field.Name.Length > 0)
            .ToDictionary(field => field.Name, field => field.Value);
        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "The login form has no antiforgery token.");
        fields["Username"] = username;
        fields["Password"] = password;
        return new FormUrlEncodedContent(fields);
    }

    [GeneratedRegex("<input\\b[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex Name();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex Value();
}
