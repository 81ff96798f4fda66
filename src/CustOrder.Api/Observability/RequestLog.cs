using System.Diagnostics;

namespace CustOrder.Api.Observability;

/// <summary>
/// One log line per request: method, path, status, duration and trace id. The path only, never the
/// query string: <c>/o/authorize?…</c>, <c>/o/callback?code=…</c> and the delivery report's
/// <c>?token=</c> carry codes and secrets. It replaces ASP.NET Core's own request lines, which include the
/// query string (see <see cref="ObservabilitySetup"/>). Probes and scrapes are logged at Debug only.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "CustOrder.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var request = context.Request;
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Warning
                : request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/metrics") ? LogLevel.Debug
                : LogLevel.Information;
            if (_logger.IsEnabled(level))
            {
                var path = request.PathBase.Add(request.Path).Value ?? "/";
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var traceId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
                LogRequest(_logger, level, request.Method, path, status, elapsedMs, traceId);
            }
        }
    }

    [LoggerMessage(Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMs, string traceId);
}
