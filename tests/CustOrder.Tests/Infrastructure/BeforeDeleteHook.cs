using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustOrder.Tests.Infrastructure;

/// <summary>
/// Runs an action once, just before the app's next DELETE statement reaches the database: a way to
/// make another request's write land between an endpoint's checks and its own write.
/// </summary>
public sealed class BeforeDeleteHook : DbCommandInterceptor
{
    private Func<Task>? _action;

    public void Once(Func<Task> action) => _action = action;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await RunIfDeleteAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await RunIfDeleteAsync(command);
        return result;
    }

    private async Task RunIfDeleteAsync(DbCommand command)
    {
        if (command.CommandText.Contains("DELETE FROM", StringComparison.OrdinalIgnoreCase)
            && Interlocked.Exchange(ref _action, null) is { } action)
        {
            await action();
        }
    }
}
