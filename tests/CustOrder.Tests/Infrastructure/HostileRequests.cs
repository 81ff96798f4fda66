using System.Globalization;
using System.Text;
using CsCheck;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Which contract a path's error answers follow: RFC 9457 problem documents, OAuth error JSON, or HTML pages.</summary>
public enum EndpointFamily
{
    Api,
    OAuth,
    Authorize,
    LoginForm,
}

/// <summary>One malformed or hostile request: any method, path, query, headers and body bytes.</summary>
public sealed record HostileRequest(string Method, string Path, EndpointFamily Family, string? ContentType, byte[]? Body, (string Name, string Value)[] Headers)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.Remove("Content-Type");
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            // Content-Encoding and the like belong to the content.
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        return $"{Method} {Path} [{ContentType}] {string.Join(" ", Headers.Select(h => $"{h.Name}: {Cut(h.Value)}"))} {Cut(body)}";
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + $"…({text.Length})" : text;
}

/// <summary>
/// CsCheck generators of hostile requests for every endpoint: random JSON shapes and types, huge numbers,
/// Unicode edge cases (unpaired surrogates, NUL, bidi and zero-width characters), long strings, bad ids and
/// bad headers. The ids of real rows and a valid token are mixed in, so requests also get past the guards.
/// </summary>
public static class HostileRequests
{
    private static readonly string[] JsonFields =
        ["first_name", "last_name", "phone_number", "name", "size", "price", "customer", "item", "quantity", "id", "status", "extra", ""];

    private static readonly string[] Methods = ["GET", "POST", "PATCH", "DELETE", "HEAD", "PUT", "OPTIONS"];

    private static readonly Gen<string> Junk = Gen.Frequency(
        (6, Gen.OneOf("", " ", "\0", "a\0b", "\ud800", "\udfff", "x\udc00y", "💥", "\u202eevil", "\ufeff", "\u200b", "\r\n", "\t",
            "null", "true", "0", "-0", "-1", "1e400", "-1e-400", "NaN", "Infinity", "99999999999999999999999999999999", "0x10", "1_000",
            "1.999", "19.99", "+254712345678", "0712 345 678", "XL", "m", "'; DROP TABLE orders;--", "<script>alert(1)</script>", "../../etc/passwd",
            "%00", "%ff", "{", "}", "[]", "{}", "\"", "\\", "00000000-0000-0000-0000-000000000000", "{00000000-0000-0000-0000-000000000000}",
            "2026-13-45", "2026-12-01T25:00:00Z", "9999-12-31T23:59:59+14:00", "0001-01-01", "-", "date_created", "-total")),
        (2, Gen.Char.Array[0, 20].Select(chars => new string(chars))),
        (1, Gen.Int[200, 20_000].Select(length => new string('x', length))),
        (1, Gen.Guid.Select(guid => guid.ToString())));

    /// <summary>A random JSON value, nested up to <paramref name="depth"/> levels, written as JSON text (with escapes for what JSON needs escaped).</summary>
    private static Gen<string> JsonValue(int depth)
    {
        var scalar = Gen.Frequency(
            (4, Junk.Select(JsonString)),
            (1, Gen.OneOf("null", "true", "false", "0", "-0", "1", "-1", "2.5", "1e308", "-1e308", "1e-400", "1E+400", "1.00000000000000000000001",
                "123456789012345678901234567890", "-99999999999999999999", "1000001", "99999999.999")),
            (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999")));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = JsonValue(depth - 1);
        return Gen.Frequency(
            (6, scalar),
            (1, inner.Array[0, 4].Select(values => "[" + string.Join(",", values) + "]")),
            (1, Gen.Select(Gen.OneOf(Gen.OneOf(JsonFields), Junk), inner).Array[0, 4]
                .Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonString(p.Item1) + ":" + p.Item2)) + "}")));
    }

    /// <summary>A JSON string literal: quotes, backslashes, control characters and lone surrogates escaped as \uXXXX.</summary>
    public static string JsonString(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c is '"' or '\\' || c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return json.Append('"').ToString();
    }

    private static readonly Gen<byte[]> JsonBody = Gen.Frequency(
        // An object with the resources' fields (and others), each with a random value.
        (6, Gen.Select(Gen.OneOf(JsonFields), JsonValue(2)).Array[0, 6]
            .Select(pairs => "{" + string.Join(",", pairs.Select(p => JsonString(p.Item1) + ":" + p.Item2)) + "}")
            .Select(Encoding.UTF8.GetBytes)),
        (2, JsonValue(3).Select(Encoding.UTF8.GetBytes)),
        (1, Junk.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.OneOf(
            new byte[] { 0xff, 0xfe, 0x7b, 0x7d }, "{\"name\":\""u8.ToArray().Concat(new byte[] { 0xc0, 0xaf, 0xed, 0xa0, 0x80 }).Concat("\"}"u8.ToArray()).ToArray(),
            "{\"first_name\":\"a"u8.ToArray(), Encoding.UTF8.GetBytes(new string('[', 5000)), Encoding.UTF8.GetBytes("{\"a\":" + new string('1', 100_000) + "}"),
            [0x1f, 0x8b, 0x08, 0x00], [])));

    private static readonly Gen<byte[]> FormBody = Gen.Select(Gen.OneOf(Gen.OneOf("grant_type", "client_id", "client_secret", "scope", "code",
            "code_verifier", "redirect_uri", "refresh_token", "token", "token_type_hint", "Username", "Password", "ReturnUrl",
            "__RequestVerificationToken", "id", "status", "failureReason", "decision"), Junk), Junk).Array[0, 6]
        .Select(pairs => Encoding.UTF8.GetBytes(string.Join("&", pairs.Select(p => Escape(p.Item1) + "=" + Escape(p.Item2)))));

    private static readonly Gen<string?> ContentTypes = Gen.OneOf<string?>(
        null, "application/json", "application/json; charset=utf-8", "application/json; charset=latin1", "application/json; charset=\"", "application/merge-patch+json",
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-16", "multipart/form-data", "multipart/form-data; boundary=",
        "text/plain", "*/*", ";;;", "application/json; boundary=x; q=\u00ff", "💥/💥", "application/problem+json");

    /// <summary>Mostly a valid token (so requests reach the handlers), else junk or none; and up to three other odd headers.</summary>
    private static Gen<(string, string)[]> Headers(string token) => Gen.Select(
        Gen.Frequency(
            (5, Gen.Const(new[] { ("Authorization", $"Bearer {token}") })),
            (1, Gen.Const(Array.Empty<(string, string)>())),
            (1, Gen.OneOf("Bearer", "Bearer ", "Bearer a.b.c", "Basic !!!", "Basic " + Convert.ToBase64String("a:b"u8), "Bearer " + token + "x", "Bearer " + new string('A', 9000),
                "bearer " + token, "Bearer \ud800", "Digest x", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").Select(value => new[] { ("Authorization", value) }))),
        Gen.Select(Gen.OneOf("Accept", "If-Match", "If-None-Match", "Idempotency-Key", "Idempotency-Key", "Content-Encoding", "Accept-Charset", "Origin",
            "X-Forwarded-Proto", "X-Forwarded-For", "Range", "Cookie", "Expect"), Gen.OneOf(Junk, Gen.OneOf("*", "\"abc\"", "W/\"1\"", "\"\"", "gzip",
            "application/xml", "text/html;q=abc", "*/*; q=0", "bytes=0-1", "100-continue", "custorder.session=junk; .AspNetCore.Antiforgery.x=junk"))).Array[0, 3],
        (auth, others) => auth.Concat(others).ToArray());

#pragma warning disable CA1861 // The generator is built once per run; its method lists read best in place.
    /// <summary>Every endpoint family, with ids that exist, ids that do not, and junk where an id goes.</summary>
    public static Gen<HostileRequest> For(string token, string customerId, string itemId, string orderId, string notificationId, string deliveryToken)
    {
        var id = Gen.Frequency((2, Gen.OneOf(customerId, itemId, orderId, notificationId)), (1, Gen.Guid.Select(g => g.ToString())), (1, Junk.Select(text => Escape(text.Replace("\0", "", StringComparison.Ordinal), raw: false))));
        var query = Gen.Select(Gen.OneOf("limit", "offset", "search", "ordering", "size", "customer", "item", "created_after", "created_before", "token",
                "client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "prompt", "max_age", "ReturnUrl"), Junk)
            .Array[0, 5].Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(p => Escape(p.Item1) + "=" + Escape(p.Item2))));
        var api = Gen.Select(Gen.OneOf("customers", "items", "orders"), id, Gen.Int[0, 3], (resource, key, shape) => shape switch
        {
            0 => ($"/api/v1/{resource}", new[] { "GET", "POST", "POST" }),
            1 => ($"/api/v1/{resource}/{key}", ["GET", "PATCH", "PATCH", "DELETE", "HEAD"]),
            2 => ($"/api/v1/orders/{key}/notifications", ["GET"]),
            _ => ($"/api/v1/notifications/{key}/retry", ["POST"]),
        });
        var paths = Gen.Frequency(
            (12, Gen.Select(api, query, (path, q) => (path.Item1 + q, EndpointFamily.Api, path.Item2))),
            (1, Gen.Select(Gen.OneOf("/api", "/health/live", "/health/ready"), p => (p, EndpointFamily.Api, new[] { "GET", "HEAD" }))),
            (1, Gen.Select(Gen.OneOf($"/webhooks/africastalking/delivery?token={deliveryToken}", "/webhooks/africastalking/delivery",
                "/webhooks/africastalking/delivery?token=%ff"), p => (p, EndpointFamily.Api, new[] { "POST" }))),
            (4, Gen.Select(Gen.OneOf("/o/token/", "/o/token", "/o/revoke_token/", "/o/revoke/", "/o/introspect/", "/o/userinfo/"), query,
                (p, q) => (p + q, EndpointFamily.OAuth, new[] { "POST", "POST", "GET" }))),
            (2, query.Select(q => ("/o/authorize/" + q, EndpointFamily.Authorize, new[] { "GET", "POST" }))),
            (1, query.Select(q => ("/accounts/login/" + q, EndpointFamily.LoginForm, new[] { "GET", "POST" }))));
        // A body mostly with the content type that fits it, sometimes with any other.
        var body = Gen.Frequency(
            (1, Gen.Const(((byte[]?)null, (string?)null))),
            (3, JsonBody.Select(b => ((byte[]?)b, (string?)"application/json"))),
            (2, FormBody.Select(b => ((byte[]?)b, (string?)"application/x-www-form-urlencoded"))));
        return Gen.Select(paths, Gen.Int[0, 7], Gen.OneOf(Methods), Gen.Select(body, Gen.Int[0, 4], ContentTypes), Headers(token),
            (path, pick, anyMethod, content, headers) =>
            {
                var method = pick == 0 ? anyMethod : path.Item3[pick % path.Item3.Length];
                var ((bytes, fitting), choice, other) = content;
                return new HostileRequest(method, path.Item1, path.Item2, choice == 0 ? other : fitting, method is "GET" or "HEAD" ? null : bytes, headers);
            });
    }
#pragma warning restore CA1861

    /// <summary>
    /// Percent-encodes the UTF-8 of a text (a lone surrogate becomes U+FFFD). In queries "%ff"-style junk stays raw; in paths
    /// it is encoded too, and NUL is left out: the in-memory test server (unlike Kestrel, which answers 400) cannot take one in a path.
    /// </summary>
    private static string Escape(string text) => Escape(text, raw: true);

    private static string Escape(string text, bool raw) => raw && text.StartsWith('%') ? text
        : string.Concat(Encoding.UTF8.GetBytes(text).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' ? ((char)b).ToString() : $"%{b:X2}"));
}
