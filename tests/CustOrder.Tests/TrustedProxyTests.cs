using System.Net;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests;

/// <summary>The app behind a configured reverse proxy at 10.0.0.5, through which every request arrives; one token request per client a minute.</summary>
public sealed class BehindProxyApiFactory : ApiFactory
{
    public const string Proxy = "10.0.0.5";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", Proxy);
        builder.UseSetting("RateLimits:Token:PermitLimit", "1");
        builder.UseSetting("RateLimits:Token:Window", "00:01:00");
    }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, FromProxy>();

    /// <summary>The in-memory server has no peer address: make every request come from the proxy.</summary>
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Behind a known proxy, limits count the client address the proxy reports, and only that one.</summary>
public sealed class TrustedProxyTests(BehindProxyApiFactory app) : IClassFixture<BehindProxyApiFactory>
{
    [Fact]
    public async Task Clients_behind_a_known_proxy_are_counted_by_their_own_address()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("203.0.113.1"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("203.0.113.2"));
    }

    [Fact]
    public async Task A_client_cannot_choose_its_address_by_sending_its_own_forwarded_header()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("198.51.100.7"));

        // The proxy appends what it saw to what the client sent: only the address the proxy added counts.
        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("192.0.2.99, 198.51.100.7"));
    }

    [Fact]
    public async Task Ipv6_clients_are_counted_by_their_64_bit_prefix()
    {
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("2001:db8:1:2::1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("2001:db8:1:2:ffff::99"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await TokenRequestFromAsync("2001:db8:1:3::1"));
    }

    private async Task<HttpStatusCode> TokenRequestFromAsync(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/o/token/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "x" }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var client = app.CreateClient();
        return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }
}
