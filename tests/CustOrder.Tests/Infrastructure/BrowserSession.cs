using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// What a browser does in the authorization code flow, over HTTP: keeps cookies, follows no
/// redirect by itself, and submits the server's own HTML forms (with their antiforgery tokens).
/// </summary>
public sealed partial class BrowserSession
{
    private readonly CookieContainer _cookies = new();

    // The HttpClient owns (and disposes) the handler; the session keeps only the jar.
    public BrowserSession(ApiFactory app) => Http = app.CreateDefaultClient(new CookieHandler(_cookies));

    /// <summary>Follows no redirect by itself; keeps cookies like a browser.</summary>
    public HttpClient Http { get; }

    /// <summary>The session's cookies as a Cookie header, to carry them to another instance.</summary>
    public string Cookies() => _cookies.GetCookieHeader(new Uri("http://localhost/"));

    public async Task LogInAsync(string username, string password)
    {
        var response = await SubmitFormAsync("/accounts/login/", new() { ["Username"] = username, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Login failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>Loads a page and posts its (first) form back with the given fields filled in.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, Dictionary<string, string> fields)
    {
        var page = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)page.StatusCode} {html}");
        return await PostFormAsync(url, html, fields);
    }

    /// <summary>Posts the form found in <paramref name="html"/>: its hidden inputs, overridden by <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, string html, Dictionary<string, string> fields)
    {
        var form = HiddenInputs(html);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await Http.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>Runs /o/authorize/ with the given parameters, consenting with <paramref name="decision"/> if asked; returns the final redirect.</summary>
    public async Task<Uri> AuthorizeAsync(Dictionary<string, string> parameters, string decision = "allow")
    {
        var url = QueryHelpers.AddQueryString("/o/authorize/", parameters!);
        var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            response = await PostFormAsync("/o/authorize/", html, new() { ["decision"] = decision });
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Authorize: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return response.Headers.Location!;
    }

    /// <summary>Loads a page and posts its main form as a browser would (see <see cref="FormFields"/>), with <paramref name="fields"/> replacing values by name.</summary>
    public async Task<HttpResponseMessage> FillFormAsync(string url, Dictionary<string, string[]> fields)
    {
        var html = await PageAsync(url);
        var form = FormFields(html).Where(field => !fields.ContainsKey(field.Key))
            .Concat(fields.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value))));
        return await Http.PostAsync(url, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>GETs a page, asserting the status, and returns its HTML.</summary>
    public async Task<string> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>
    /// What a browser submits for the first POST form inside &lt;main&gt; (not the header's logout form): inputs
    /// with their values (checkboxes and radios only when checked) and textareas. Buttons and selects are left out.
    /// </summary>
    public static List<KeyValuePair<string, string>> FormFields(string html)
    {
        var main = html[Math.Max(0, html.IndexOf("<main", StringComparison.Ordinal))..];
        var form = PostForm().Match(main);
        Assert.True(form.Success, "No POST form in the page's main content.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var attributes in InputTag().Matches(form.Value).Select(tag => Attributes(tag.Value)))
        {
            var type = attributes.GetValueOrDefault("type", "text");
            if (attributes.TryGetValue("name", out var name) && type is not ("submit" or "button" or "reset")
                && (type is not ("checkbox" or "radio") || attributes.ContainsKey("checked")))
            {
                fields.Add(KeyValuePair.Create(name, attributes.GetValueOrDefault("value", type is "checkbox" or "radio" ? "on" : "")));
            }
        }

        fields.AddRange(TextArea().Matches(form.Value).Select(m => KeyValuePair.Create(
            Attributes(m.Groups["tag"].Value)["name"], WebUtility.HtmlDecode(m.Groups["text"].Value))));
        return fields;
    }

    /// <summary>The value of the input with this id, such as a read-only field the page shows; null when there is none.</summary>
    public static string? InputValue(string html, string id) => InputTag().Matches(html)
        .Select(tag => Attributes(tag.Value))
        .FirstOrDefault(attributes => attributes.GetValueOrDefault("id") == id)?
        .GetValueOrDefault("value", "");

    public static Dictionary<string, string> HiddenInputs(string html) => InputTag().Matches(html)
        .Select(tag => Attributes(tag.Value))
        .Where(attributes => attributes.GetValueOrDefault("type") == "hidden" && attributes.ContainsKey("name"))
        .GroupBy(attributes => attributes["name"])
        .ToDictionary(group => group.Key, group => group.Last().GetValueOrDefault("value", ""));

    private static Dictionary<string, string> Attributes(string tag) => Attribute().Matches(tag)
        .GroupBy(m => m.Groups["name"].Value)
        .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("(?<tag><textarea\\b[^>]*>)(?<text>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("(?<name>[a-zA-Z_-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();
}

/// <summary>The tokens of one token response.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, string Scope)
{
    public static TokenSet From(JsonElement body) => new(
        body.GetProperty("access_token").GetString()!,
        body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        body.TryGetProperty("id_token", out var id) ? id.GetString() : null,
        body.TryGetProperty("scope", out var scope) ? scope.GetString()! : "");
}

/// <summary>A cookie jar for HttpClient: stores Set-Cookie answers and sends them back.</summary>
public sealed class CookieHandler(CookieContainer container) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri("http://localhost/"), request.RequestUri!.PathAndQuery);
        if (container.GetCookieHeader(uri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                container.SetCookies(uri, value);
            }
        }

        return response;
    }
}
