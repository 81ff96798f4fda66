using CustOrder.Api.Http;

namespace CustOrder.Api.Admin.Common;

/// <summary>Field errors (the API's, keyed by wire name) as a form shows them: next to each field, tied to it for screen readers.</summary>
public sealed class FieldErrorsView(FieldErrors? errors = null)
{
    private readonly Dictionary<string, string[]> _errors = errors?.ToDictionary() ?? [];

    public bool Any => _errors.Count > 0;

    public string? For(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field) => _errors.ContainsKey(field) ? field + "-error" : null;

    /// <summary>Errors for fields the form has no input for (none expected; shown at the top rather than lost).</summary>
    public IEnumerable<string> Others(params string[] fields) =>
        _errors.Where(e => !fields.Contains(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));
}
