using CustOrder.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CustOrder.Api.Http;

/// <summary>ETag / If-Match handling: a write with a stale If-Match is refused with 412 (RFC 9110 §13.1.1).</summary>
public static class Preconditions
{
    public static bool IfMatchFails(HttpRequest request, Entity entity)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return true;
        }

        var current = new EntityTagHeaderValue(entity.ETag);
        return !tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }

    public static ProblemHttpResult Failed() => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition failed.",
        detail: "The resource has changed since the ETag given in If-Match. Fetch it again and retry.");

    public static void SetETag(HttpResponse response, Entity entity) => response.Headers.ETag = entity.ETag;
}
