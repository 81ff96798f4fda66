using System.Text.Json;
using CustOrder.Api.Auth;
using CustOrder.Api.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CustOrder.Api.Docs;

/// <summary>
/// Registers (or brings up to date) the public client the /docs page signs in with: authorization
/// code with PKCE, the API's scopes, explicit consent. It has no fixed redirect URI: the app may be
/// served on any origin, so it may redirect only to the docs page on the origin the authorization
/// request itself came to (<see cref="SameOriginRedirects"/>).
/// </summary>
internal sealed partial class DocsClientRegistration(IServiceProvider services, ILogger<DocsClientRegistration> logger) : IHostedService
{
    public const string ClientId = "custorder-docs";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            // MigrateOnStartService has said what to do; the next start after 'migrate' registers it.
            LogNotMigrated(logger, ClientId);
            return;
        }

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        try
        {
            if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is { } existing)
            {
                // A write only when this version registers it differently: most starts change nothing.
                if (!await IsCurrentAsync(applications, existing, cancellationToken))
                {
                    await applications.UpdateAsync(existing, Descriptor(), cancellationToken);
                }
            }
            else
            {
                await applications.CreateAsync(Descriptor(), cancellationToken);
            }
        }
        catch (Exception conflict) when (conflict is DbUpdateException or OpenIddictExceptions.ConcurrencyException or OpenIddictExceptions.ValidationException)
        {
            // Another instance starting at the same time registered or updated it first, with the same
            // descriptor. Asked in a new scope: this one's manager remembers the client as missing.
            await using var fresh = services.CreateAsyncScope();
            if (await fresh.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().FindByClientIdAsync(ClientId, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<bool> IsCurrentAsync(IOpenIddictApplicationManager applications, object existing, CancellationToken cancellationToken)
    {
        var stored = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(stored, existing, cancellationToken);
        var wanted = Descriptor();
        return stored.ClientType == wanted.ClientType
            && stored.ConsentType == wanted.ConsentType
            && stored.DisplayName == wanted.DisplayName
            && stored.Permissions.SetEquals(wanted.Permissions)
            && stored.Requirements.SetEquals(wanted.Requirements)
            && stored.Properties.TryGetValue(SameOriginRedirects.Property, out var redirects)
            && redirects.GetRawText() == wanted.Properties[SameOriginRedirects.Property].GetRawText();
    }

    private static OpenIddictApplicationDescriptor Descriptor()
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = "CustOrder API docs",
        };
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            .. Auth.Scopes.Api.Select(scope => Permissions.Prefixes.Scope + scope)]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.Properties[SameOriginRedirects.Property] = JsonSerializer.SerializeToElement(new[] { DocsPage.RedirectPath });
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is not migrated: the API docs client {ClientId} is not registered")]
    private static partial void LogNotMigrated(ILogger logger, string clientId);
}
