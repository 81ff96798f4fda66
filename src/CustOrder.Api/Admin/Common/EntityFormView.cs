using Microsoft.AspNetCore.Html;

namespace CustOrder.Api.Admin.Common;

/// <summary>What the shared edit frame (_EntityForm) needs: the page's state, its title, the fields' labels and their inputs.</summary>
public sealed record EntityFormView(IEditPage Page, string Title, IReadOnlyDictionary<string, string> Labels, IHtmlContent Fields);

/// <summary>The state of an edit page that the shared frame shows, whatever the entity.</summary>
public interface IEditPage
{
    bool IsNew { get; }

    bool CanWrite { get; }

    bool ConfirmingDelete { get; }

    string Noun { get; }

    string ListPath { get; }

    int Version { get; }

    string? Refusal { get; }

    Dictionary<string, string>? CurrentValues { get; }

    FieldErrorsView Errors { get; }

    string Value(string field);
}
