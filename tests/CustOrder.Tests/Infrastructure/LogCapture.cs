using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps everything it is given, in every form a log sink could write it:
/// the category, the formatted message, each structured value, the scopes around it and the exception.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            capture._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append(" | scope: ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        builder.Append(' ').Append(key).Append('=').Append(value);
                    }
                }
            }, text);
            if (exception is not null)
            {
                text.Append(" | ").Append(exception);
            }

            capture._entries.Enqueue(new CapturedLog(category, logLevel, text.ToString()));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Text);
