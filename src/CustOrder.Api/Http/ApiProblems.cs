using Microsoft.AspNetCore.Http.HttpResults;

namespace CustOrder.Api.Http;

public static class ApiProblems
{
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: detail);
}
