using System.Text.Json;
using System.Text.Json.Serialization;
using CustOrder.Api.Admin;
using CustOrder.Api.Auth;
using CustOrder.Api.Customers;
using CustOrder.Api.Data;
using CustOrder.Api.Docs;
using CustOrder.Api.Health;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;
using CustOrder.Api.Observability;
using CustOrder.Api.Orders;

namespace CustOrder.Api;

/// <summary>The composition of the app, kept out of Program.cs.</summary>
public static class AppSetup
{
    public const string DefaultUrl = "http://localhost:8000";

    private static readonly string[] UrlSettings = ["urls", "http_ports", "https_ports"];

    public static WebApplicationBuilder AddCustOrder(this WebApplicationBuilder builder)
    {
        UseDefaultUrlUnlessConfigured(builder);
        // Serve wwwroot from the build output in every environment, not only Development: without
        // it a run from bin/ answers gzip-accepting browsers with an empty stylesheet. No-op when published.
        builder.WebHost.UseStaticWebAssets();
        // RequestBody enforces the 1 MiB limit on JSON exactly; Kestrel's looser cap only stops
        // endless bodies early (it counts chunked framing too, so the same number would be stricter).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2 * Limits.MaxBodyBytes);
        // SQL text only when asked for in configuration, also when appsettings.json is not found.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        // After the default writer, which goes first and declines when Accept names no JSON type.
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        services.AddExceptionHandler<DatabaseExceptionHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            // The original Django app's wire format: snake_case names, enums by name.
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddDatabase();
        services.AddListCounting();
        services.AddPhoneNumbers();
        builder.AddCustOrderAuth();
        services.AddNotifications();
        services.AddHealth();
        builder.AddTrustedProxies();
        services.AddClientCors();
        services.AddRateLimits();
        services.AddBackOffice();
        services.AddApiDocs();
        builder.AddObservability();
        return builder;
    }

    public static WebApplication UseCustOrder(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseHeadAsGet();
        // Routing after HEAD became GET, so the GET endpoint is the one chosen.
        app.UseRouting();
        app.UseClientCors();
        app.UseRateLimits();
        app.UseSiteAuthentication();
        app.UseApiRateLimits();
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapAuthPages();
        app.MapTokenEndpoints();
        app.MapHealth();
        app.MapObservability();
        app.MapApiIndex();
        app.MapCustomers();
        app.MapItems();
        app.MapOrders();
        app.MapNotifications();
        app.MapBackOffice();
        app.MapApiDocs();
        return app;
    }

    /// <summary>Like Django's runserver, listen on localhost:8000 unless told otherwise (--urls, ASPNETCORE_URLS, ...).</summary>
    private static void UseDefaultUrlUnlessConfigured(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var configured = UrlSettings.Any(key => !string.IsNullOrWhiteSpace(config[key]))
            || config.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }
}
