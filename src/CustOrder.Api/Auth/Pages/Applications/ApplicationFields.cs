namespace CustOrder.Api.Auth.Pages.Applications;

/// <summary>What the shared form fields partial shows: the input, its errors, and the fixed settings when editing.</summary>
public sealed record ApplicationFields(ApplicationForm Form, IReadOnlyDictionary<string, string> Errors, ClientRegistration? Existing = null)
{
    public static IReadOnlyList<string> AllScopes { get; } = [.. Scopes.Identity, .. Scopes.Api];

    public static string TypeName(ClientRegistration registration) => registration.Confidential ? "confidential" : "public";

    public static string GrantName(ClientRegistration registration) =>
        registration.Grant == GrantKind.ClientCredentials ? "client credentials" : "authorization code";

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field, string? hint = null)
    {
        var ids = new[] { hint, Errors.ContainsKey(field) ? field + "-error" : null }.OfType<string>().ToList();
        return ids.Count > 0 ? string.Join(' ', ids) : null;
    }
}
