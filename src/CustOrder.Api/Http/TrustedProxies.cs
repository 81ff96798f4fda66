using System.Net;
using CustOrder.Api.Auth;
using Microsoft.AspNetCore.HttpOverrides;

namespace CustOrder.Api.Http;

/// <summary>
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges):
/// the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. The client IP (rate
/// limits, logs) and scheme are then the ones the nearest trusted proxy saw; a header from anyone else
/// is ignored, so a client cannot pick its own address. Nothing configured: the connection's address.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies")).Select(Address).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).Select(Network).ToList();
        if (proxies.Count + networks.Count == 0)
        {
            return builder;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk X-Forwarded-For from the right through every trusted hop, stopping at the first other address.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        proxies.ForEach(options.KnownProxies.Add);
        networks.ForEach(options.KnownIPNetworks.Add);
        builder.Services.AddSingleton(new ForwardedFrom(options));
        return builder;
    }

    /// <summary>First in the pipeline, so every later part sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<ForwardedFrom>() is { } trusted ? app.UseForwardedHeaders(trusted.Options) : app;

    /// <summary>A list in configuration: array entries (KnownProxies:0, ...) or one comma-separated value (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(child => child.Value ?? ""))
            .SelectMany(value => value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IPAddress Address(string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new StartupException($"{Section}:KnownProxies: '{text}' is not an IP address.");

    private static System.Net.IPNetwork Network(string text) => System.Net.IPNetwork.TryParse(text, out var network)
        ? network
        : throw new StartupException($"{Section}:KnownNetworks: '{text}' is not a CIDR range such as 10.0.0.0/8.");

    private sealed record ForwardedFrom(ForwardedHeadersOptions Options);
}
