using System.Net;
using System.Net.Http.Headers;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustOrder.Tests;

/// <summary>Auth:Issuer: one issuer for every name the instances are reached under.</summary>
public sealed class IssuerTests
{
    [Fact]
    public async Task With_a_configured_issuer_a_token_from_one_instance_and_host_name_is_accepted_by_another()
    {
        await using var app = new IssuerApiFactory("https://shop.example/");
        await using var other = new IssuerApiFactory("https://shop.example/", app.Database);
        var token = await TokenFromHostAsync(app, "http://instance-a.internal/");

        Assert.Equal(HttpStatusCode.OK, await CustomersStatusAsync(other, "http://instance-b.internal/", token));
        using var discovery = other.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://instance-b.internal/") });
        var configuration = await (await discovery.GetAsync("/.well-known/openid-configuration", TestContext.Current.CancellationToken)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("https://shop.example/", configuration.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Without_a_configured_issuer_an_instance_reached_under_another_host_name_refuses_the_token()
    {
        await using var app = new IssuerApiFactory(issuer: null);
        await using var other = new IssuerApiFactory(issuer: null, app.Database);
        var token = await TokenFromHostAsync(app, "http://instance-a.internal/");

        Assert.Equal(HttpStatusCode.OK, await CustomersStatusAsync(app, "http://instance-a.internal/", token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CustomersStatusAsync(other, "http://instance-b.internal/", token));
    }

    [Theory]
    [InlineData("shop.example")]
    [InlineData("ftp://shop.example/")]
    [InlineData("https://shop.example/?a=b")]
    public void An_issuer_that_is_not_an_absolute_http_url_stops_the_start_with_the_reason(string issuer)
    {
        // Program prints a StartupException's message as the one line an operator sees, and exits 1.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Auth:Issuer"] = issuer;

        var failure = Assert.Throws<StartupException>(() => builder.AddCustOrderAuth());

        Assert.StartsWith("Auth:Issuer must be an absolute http(s) URL", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<string> TokenFromHostAsync(ApiFactory app, string baseAddress)
    {
        await app.Clients.RegisterMachineClientAsync();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        var response = await client.PostAsync("/o/token/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = TestClients.MachineClientId,
            ["client_secret"] = app.Clients.MachineClientSecret,
            ["scope"] = Scopes.CustomersRead,
        }), TestContext.Current.CancellationToken);
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> CustomersStatusAsync(ApiFactory app, string baseAddress, string token)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/customers", TestContext.Current.CancellationToken)).StatusCode;
    }

    /// <summary>An instance with the given Auth:Issuer; given a database, a second instance of that deployment.</summary>
    private sealed class IssuerApiFactory : ApiFactory
    {
        private readonly string? issuer;

        public IssuerApiFactory(string? issuer) => this.issuer = issuer;

        public IssuerApiFactory(string? issuer, TestDatabase shared)
            : base(shared)
        {
            this.issuer = issuer;
            IsSecondInstance = true;
        }

        protected override bool IsSecondInstance { get; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (issuer is not null)
            {
                builder.UseSetting("Auth:Issuer", issuer);
            }
        }
    }
}
