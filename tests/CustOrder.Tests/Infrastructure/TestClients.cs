using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using CustOrder.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Client applications registered in the app under test, and tokens from its token endpoint.</summary>
public sealed class TestClients(ApiFactory app)
{
    public const string MachineClientId = "test-machine-client";

    public string MachineClientSecret => app.Database.MachineClientSecret;

    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    /// <summary>Registers the machine client unless an instance on the same database already has.</summary>
    public async Task RegisterMachineClientAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(MachineClientId) is not null)
            {
                return;
            }
        }

        await RegisterAsync(new ClientRegistration(
            "Test machine client", Confidential: true, GrantKind.ClientCredentials, [], [], Scopes.Api, SkipAuthorization: false,
            MachineClientId, MachineClientSecret));
    }

    public async Task<(string ClientId, string? Secret)> RegisterAsync(ClientRegistration registration)
    {
        Assert.Empty(registration.Validate());
        await using var scope = app.Services.CreateAsyncScope();
        var descriptor = registration.ToDescriptor(out var clientId, out var secret);
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor);
        return (clientId, secret);
    }

    /// <summary>A client-credentials access token for the machine client, cached per scope set.</summary>
    public Task<string> MachineTokenAsync(string[] scopes) => _tokens.GetOrAdd(ScopeOf(scopes), NewMachineTokenAsync);

    /// <summary>
    /// A new token, never cached: for a test that lets it expire (a cached one would reach the
    /// class's other tests already expired, depending on the order they run in).
    /// </summary>
    public Task<string> UncachedMachineTokenAsync(string[] scopes) => NewMachineTokenAsync(ScopeOf(scopes));

    private static string ScopeOf(string[] scopes) => string.Join(' ', scopes.Length == 0 ? Scopes.Api : scopes);

    private async Task<string> NewMachineTokenAsync(string scope)
    {
        var response = await TokenRequestAsync(new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = MachineClientId,
            ["client_secret"] = MachineClientSecret,
            ["scope"] = scope,
        });
        var body = await response.ReadJsonAsync(HttpStatusCode.OK);
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>A form POST to the token endpoint (or another OAuth endpoint), as a client sends it.</summary>
    public async Task<HttpResponseMessage> TokenRequestAsync(Dictionary<string, string> form, string endpoint = "/o/token/")
    {
        using var client = app.CreateDefaultClient();
        return await client.PostAsync(endpoint, new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }
}

/// <summary>Adds a bearer token, fetched once, to every request.</summary>
public sealed class BearerTokenHandler(Func<Task<string>> token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", await token());
        return await base.SendAsync(request, cancellationToken);
    }
}
