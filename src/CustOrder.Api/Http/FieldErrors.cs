using Microsoft.AspNetCore.Http.HttpResults;

namespace CustOrder.Api.Http;

/// <summary>Field errors keyed by the wire (snake_case) name, in the shape of a validation problem's <c>errors</c>.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());

    /// <summary>A 400 validation problem (RFC 9457) with these errors under <c>errors</c>.</summary>
    public ProblemHttpResult ToProblem() => TypedResults.Problem(new HttpValidationProblemDetails(ToDictionary())
    {
        Status = StatusCodes.Status400BadRequest,
    });
}
