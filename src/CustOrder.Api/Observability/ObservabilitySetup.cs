using Microsoft.Extensions.Logging.Console;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CustOrder.Api.Observability;

/// <summary>
/// Logs, metrics and traces. Logs: JSON lines on the console outside Development, readable lines in
/// it, one line per request. Metrics: a Prometheus scrape endpoint at <c>/metrics</c> when
/// <c>Metrics:Prometheus=true</c>; metrics and traces go to an OpenTelemetry collector when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With neither, no exporter runs.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        AddLogging(builder);
        builder.Services.AddSingleton<OutboxPendingGauge>();
        builder.Services.AddSingleton<AppMetrics>();

        var prometheus = PrometheusEnabled(config);
        var otlp = !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(config["OTEL_SERVICE_NAME"] ?? "custorder"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AppMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql");
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces only go somewhere through OTLP, so without it no span is recorded at all.
            telemetry.WithTracing(tracing => tracing
                .AddSource(AppTracing.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddProcessor(new DatabaseSpanFilter())
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>The request log, first in the pipeline so it sees the final status of every request.</summary>
    public static WebApplication UseRequestLog(this WebApplication app)
    {
        app.UseMiddleware<RequestLog>();
        return app;
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on (404 otherwise), and starts the business instruments.</summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        app.Services.GetRequiredService<AppMetrics>();
        if (PrometheusEnabled(app.Configuration))
        {
            // The exporter maps every method; a scrape is a GET (HEAD becomes GET before routing).
            app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        }

        return app;
    }

    private static bool PrometheusEnabled(IConfiguration config) => config.GetValue("Metrics:Prometheus", false);

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);

    private static void AddLogging(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        // JSON lines for log collectors, readable lines on a developer's terminal; Logging:Console:FormatterName overrides.
        services.PostConfigure<ConsoleLoggerOptions>(options =>
            options.FormatterName ??= development ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json);
        // Defaults first, then the configuration again, so Logging:Console:FormatterOptions still wins.
        services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        services.Configure<JsonConsoleFormatterOptions>(builder.Configuration.GetSection("Logging:Console:FormatterOptions"));
        services.AddSingleton<ILogger<OpenIddictServerDispatcher>, OpenIddictLogRedactor<OpenIddictServerDispatcher>>();
        services.AddSingleton<ILogger<OpenIddictValidationDispatcher>, OpenIddictLogRedactor<OpenIddictValidationDispatcher>>();
        // ASP.NET Core's own request lines carry the query string (codes, webhook tokens): RequestLog replaces them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
    }
}
