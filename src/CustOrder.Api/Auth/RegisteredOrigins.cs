using System.Collections.Frozen;
using OpenIddict.Abstractions;

namespace CustOrder.Api.Auth;

/// <summary>
/// Every origin any registered application lists, held in memory: a CORS preflight carries no token
/// and no client id, so the question is only "does some application call from here?", and it must
/// not cost a database query per request. Changes through this instance's application manager
/// (pages, commands) clear it at once; changes made elsewhere (another instance, the command line
/// in its own process) are seen after <see cref="RefreshInterval"/> at most.
/// </summary>
public sealed class RegisteredOrigins(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private Task<FrozenSet<string>>? _current;
    private DateTimeOffset _loadedAt;

    public Task<FrozenSet<string>> GetAsync()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_current is null || _current.IsFaulted || now - _loadedAt >= RefreshInterval)
            {
                // One load shared by every request that arrives meanwhile; a failed one is retried by the next request.
                _current = LoadAsync();
                _loadedAt = now;
            }

            return _current;
        }
    }

    /// <summary>The next request reloads: called after an application is created, changed or deleted.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _current = null;
        }
    }

    private async Task<FrozenSet<string>> LoadAsync()
    {
        await Task.Yield();
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var origins = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var application in applications.ListAsync(count: null, offset: null, CancellationToken.None))
        {
            origins.UnionWith(AllowedOrigin.Read(await applications.GetPropertiesAsync(application)));
        }

        return origins.ToFrozenSet(StringComparer.Ordinal);
    }
}
