using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustOrder.Api.Data;

/// <summary>
/// Turns the database's own refusals into problem documents. The endpoints check the common cases
/// first; this catches the races between that check and the write (say, an order added to a
/// customer while it is being deleted), which the constraints settle.
/// </summary>
internal sealed class DatabaseExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    // SQLite extended result codes for constraint failures.
    private const int SqliteForeignKey = 787;
    private const int SqliteUnique = 2067;
    private const int SqliteCheck = 275;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DbUpdateConcurrencyException => (StatusCodes.Status412PreconditionFailed, "Precondition failed.",
                "The resource was changed by another request. Fetch it again and retry."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } }
                or DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: SqliteForeignKey } }
                => (StatusCodes.Status409Conflict, "Conflict.", "The change conflicts with related records."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } }
                or DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: SqliteUnique } }
                => (StatusCodes.Status409Conflict, "Conflict.", "A record with the same key exists."),
            DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation } }
                or DbUpdateException { InnerException: SqliteException { SqliteExtendedErrorCode: SqliteCheck } }
                => (StatusCodes.Status400BadRequest, "Invalid value.", "A value is outside the range the database allows."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request.", bad.Message),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
