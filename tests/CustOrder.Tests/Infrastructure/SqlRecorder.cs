using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustOrder.Tests.Infrastructure;

/// <summary>Keeps the text and parameter values of the non-query commands whose text contains a marker.</summary>
public sealed class SqlRecorder(string marker) : DbCommandInterceptor
{
    public ConcurrentQueue<(string Sql, Dictionary<string, object?> Values)> Commands { get; } = new();

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains(marker, StringComparison.Ordinal))
        {
            Commands.Enqueue((command.CommandText, command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.Value is DBNull ? null : p.Value)));
        }

        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
