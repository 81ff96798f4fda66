using System.Text.Json;

namespace CustOrder.Api.Http;

/// <summary>
/// Writes the problem document when the default writer declines because the request's Accept names no JSON
/// type (<c>Accept: application/xml</c>): without it a 404, 405 or 401 from routing or authentication would
/// be a bare text/plain line. RFC 9110 lets a server answer an error in a type the client did not list; one
/// error shape for every client is more use than a 406.
/// </summary>
internal sealed class AnyAcceptProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        // Fills in the type and title for the status, as the default writer does.
        _ = TypedResults.Problem(problem);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), JsonSerializerOptions.Web, "application/problem+json", context.HttpContext.RequestAborted));
    }
}
