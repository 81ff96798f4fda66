using OpenIddict.Abstractions;

namespace CustOrder.Api.Observability;

/// <summary>
/// OpenIddict logs every request and response it handles, parameters and all, at Information. It
/// masks most secrets itself (code, client_secret, tokens, password) but not the PKCE code_verifier,
/// which with the code redeems it. This logger stands in front of its dispatchers' loggers and masks
/// those parameters too before anything reaches a log sink.
/// </summary>
internal sealed class OpenIddictLogRedactor<T>(ILoggerFactory factory) : ILogger<T>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly HashSet<string> Unmasked = [OpenIddictConstants.Parameters.CodeVerifier];

    private readonly ILogger _inner = factory.CreateLogger<T>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values
            && values.Any(value => value.Value is OpenIddictMessage message && NeedsMasking(message))
            && values.FirstOrDefault(value => value.Key == OriginalFormat).Value is string format)
        {
            var arguments = values.Where(value => value.Key != OriginalFormat)
                .Select(value => value.Value is OpenIddictMessage message ? Masked(message) : value.Value).ToArray();
#pragma warning disable CA2254, CA1848 // The template is OpenIddict's own, passed on unchanged.
            _inner.Log(logLevel, eventId, exception, format, arguments);
#pragma warning restore CA2254, CA1848
            return;
        }

        _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    private static bool NeedsMasking(OpenIddictMessage message) => message.GetParameters().Any(parameter => Unmasked.Contains(parameter.Key));

    private static OpenIddictMessage Masked(OpenIddictMessage message)
    {
        var copy = new OpenIddictMessage();
        foreach (var (name, value) in message.GetParameters())
        {
            copy.SetParameter(name, Unmasked.Contains(name) ? "[redacted]" : value);
        }

        return copy;
    }
}
