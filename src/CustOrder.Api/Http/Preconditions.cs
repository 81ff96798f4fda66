using CustOrder.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CustOrder.Api.Http;

/// <summary>ETags and conditional requests (RFC 9110 §13): 412 for a write from a stale copy, 304 for a current one.</summary>
public static class Preconditions
{
    /// <summary>
    /// A write is refused when If-Match names none of the current ETag (strong comparison), or when
    /// If-None-Match names it or is * (the resource exists).
    /// </summary>
    public static bool WriteRefused(HttpRequest request, Entity entity)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count > 0 && !(EntityTagHeaderValue.TryParseList(ifMatch, out var tags) && Names(tags, entity, strong: true)))
        {
            return true;
        }

        return IsNotModified(request, entity);
    }

    /// <summary>Whether the request makes its write conditional on a version (If-Match or If-None-Match).</summary>
    public static bool AreGiven(HttpRequest request) => request.Headers.IfMatch.Count > 0 || request.Headers.IfNoneMatch.Count > 0;

    /// <summary>For a read: the client's copy, named in If-None-Match, is current (answer 304).</summary>
    public static bool IsNotModified(HttpRequest request, Entity entity) =>
        request.Headers.IfNoneMatch.Count > 0
        && EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && Names(tags, entity, strong: false);

    /// <summary>304 Not Modified, carrying the ETag as RFC 9110 §15.4.5 asks.</summary>
    public static StatusCodeHttpResult NotModified(HttpResponse response, Entity entity)
    {
        SetETag(response, entity);
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static bool Names(IList<EntityTagHeaderValue> tags, Entity entity, bool strong)
    {
        var current = new EntityTagHeaderValue(entity.ETag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: strong));
    }

    public static ProblemHttpResult Failed() => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition failed.",
        detail: "The resource has changed since the ETag given in If-Match. Fetch it again and retry.");

    public static void SetETag(HttpResponse response, Entity entity) => response.Headers.ETag = entity.ETag;
}
