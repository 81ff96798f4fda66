using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CustOrder.Api.Http;

/// <summary>
/// Reads a JSON object request body into a <see cref="JsonForm"/>, answering the transport-level
/// failures itself: 415 for another content type, 413 past <see cref="Limits.MaxBodyBytes"/>,
/// 400 for malformed JSON or a body that is not an object.
/// </summary>
public static class RequestBody
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Reads the body with <paramref name="read"/>, which asks the form for each field it knows;
    /// any other field is an error. Returns the input, or the problem to answer with.
    /// </summary>
    public static async Task<(T? Input, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, bool partial, Func<JsonForm, T> read, CancellationToken cancellationToken)
        where T : class
    {
        var (form, problem) = await ReadFormAsync(request, partial, cancellationToken);
        if (form is null)
        {
            return (null, problem);
        }

        var input = read(form);
        form.RejectUnknownFields();
        return form.IsValid ? (input, null) : (null, form.Errors.ToProblem());
    }

    private static async Task<(JsonForm? Form, ProblemHttpResult? Problem)> ReadFormAsync(HttpRequest request, bool partial, CancellationToken cancellationToken)
    {
        if (UnsupportedContent(request) is { } reason)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported Media Type.", detail: reason));
        }

        var bytes = await ReadLimitedAsync(request, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge());
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.Value, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: "Invalid body.", detail: "The body must be a JSON object."));
            }

            if (!NamesAreText(document.RootElement))
            {
                return (null, MalformedJson("A property name is not valid Unicode text (an unpaired surrogate such as \\ud800)."));
            }

            return (new JsonForm(document.RootElement.Clone(), partial), null);
        }
        catch (JsonException exception)
        {
            return (null, MalformedJson(exception.Message));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check decodes every name; an unpaired surrogate (valid JSON) cannot be decoded.
            return (null, MalformedJson("A property name is not valid Unicode text (an unpaired surrogate such as \\ud800)."));
        }
    }

    private static ProblemHttpResult MalformedJson(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON.", detail: detail);

    /// <summary>Whether every property name, at any depth, decodes to text (field errors are keyed by name).</summary>
    private static bool NamesAreText(JsonElement element)
    {
        try
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    // Reading Name decodes it, and throws for an unpaired surrogate.
                    if (property.Name is null || !NamesAreText(property.Value))
                    {
                        return false;
                    }
                }
            }

            return element.ValueKind != JsonValueKind.Array || element.EnumerateArray().All(NamesAreText);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The whole body, or null when it is longer than the limit.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Limits.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)(request.ContentLength ?? 4096) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > Limits.MaxBodyBytes)
            {
                return null;
            }
        }
    }

    /// <summary>Why the body cannot be read as JSON, or null when it can: UTF-8 JSON, uncompressed.</summary>
    private static string? UnsupportedContent(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/merge-patch+json", StringComparison.OrdinalIgnoreCase)))
        {
            return "Send the body as application/json.";
        }

        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return "JSON bodies must be UTF-8.";
        }

        return request.Headers.ContentEncoding.Any(encoding => !string.Equals(encoding, "identity", StringComparison.OrdinalIgnoreCase))
            ? "Compressed request bodies are not accepted."
            : null;
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload Too Large.", detail: $"The body may be at most {Limits.MaxBodyBytes} bytes.");
}
