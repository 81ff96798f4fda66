using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
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
    private enum Constraint
    {
        None,
        ForeignKey,
        Unique,
        Check,
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DbUpdateConcurrencyException => (StatusCodes.Status412PreconditionFailed, "Precondition failed.",
                "The resource was changed by another request. Fetch it again and retry."),
            DbUpdateException update => ViolatedConstraint(update) switch
            {
                Constraint.ForeignKey => (StatusCodes.Status409Conflict, "Conflict.", "The change conflicts with related records; nothing was changed."),
                Constraint.Unique => (StatusCodes.Status409Conflict, "Conflict.", "A record with the same key exists; nothing was changed."),
                Constraint.Check => (StatusCodes.Status400BadRequest, "Invalid value.", "A value is outside the range the database allows."),
                _ => (0, "", ""),
            },
            // A form the framework cannot read (too many fields, invalid characters), e.g. at /o/token/.
            InvalidDataException unreadable => (StatusCodes.Status400BadRequest, "Bad Request.", unreadable.Message),
            BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode) + ".", bad.Message),
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

    private static Constraint ViolatedConstraint(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => Constraint.ForeignKey,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => Constraint.Unique,
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation } => Constraint.Check,
        // SQLITE_CONSTRAINT; its extended code is not reliable here (a foreign key failing at the
        // end of a DELETE ... RETURNING reports SQLITE_CONSTRAINT_TRIGGER), its message is.
        SqliteException { SqliteErrorCode: 19, Message: var message } when message.Contains("FOREIGN KEY", StringComparison.Ordinal) => Constraint.ForeignKey,
        SqliteException { SqliteErrorCode: 19, Message: var message } when message.Contains("UNIQUE", StringComparison.Ordinal) => Constraint.Unique,
        SqliteException { SqliteErrorCode: 19, Message: var message } when message.Contains("CHECK", StringComparison.Ordinal) => Constraint.Check,
        _ => Constraint.None,
    };
}
