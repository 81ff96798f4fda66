using Npgsql;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// A test database the test can make unreachable and bring back. PostgreSQL: the app connects through
/// a <see cref="TcpProxy"/> that is cut. SQLite: the database file lives in a folder of its own that
/// is moved away (as an unmounted volume would be) and back.
/// </summary>
public sealed class DatabaseOutage : IAsyncDisposable
{
    private readonly TcpProxy? _proxy;
    private readonly string? _folder;

    private DatabaseOutage(TestDatabase database, TcpProxy? proxy, string? folder)
    {
        Database = database;
        _proxy = proxy;
        _folder = folder;
    }

    public TestDatabase Database { get; }

    public static DatabaseOutage Create()
    {
        if (TestDatabase.ServerConnectionString is { } server)
        {
            var target = new NpgsqlConnectionStringBuilder(server);
            var proxy = new TcpProxy(target.Host!, target.Port);
            return new DatabaseOutage(TestDatabase.Create(postgresPort: proxy.Port), proxy, null);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"custorder_outage_{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new DatabaseOutage(TestDatabase.Create(sqliteFolder: folder), null, folder);
    }

    public void Cut()
    {
        _proxy?.Cut();
        if (_folder is not null)
        {
            Directory.Move(_folder, _folder + ".away");
        }
    }

    public void Restore()
    {
        _proxy?.Restore();
        if (_folder is not null)
        {
            Directory.Move(_folder + ".away", _folder);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
