namespace CustOrder.Api.Admin.Common;

/// <summary>A labelled text input with its error shown next to it and tied to it (aria-describedby).</summary>
public sealed record TextFieldView(IEditPage Page, string Field, string Label, string Type = "text",
    string Autocomplete = "off", string? InputMode = null, int? MaxLength = null);
