using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustOrder.Api.Data;

/// <summary>
/// SQLite's built-in lower() folds only ASCII letters, so a search for "émile" would never find
/// "Émile". Each new connection gets a lower() that folds all of Unicode, as PostgreSQL's does.
/// </summary>
internal sealed class SqliteUnicodeLower : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
}
