namespace CustOrder.Api.Docs;

/// <summary>
/// A response an endpoint can give besides its result type, with what it means there. Error statuses
/// (4xx) are documented as problem documents; the transport-level ones every body-reading endpoint
/// shares come from <see cref="ApiDocsConventions"/>.
/// </summary>
public sealed record DocumentedResponse(int Status, string Description);

/// <summary>The response carries the resource's ETag (for If-Match / If-None-Match).</summary>
public sealed record ReturnsETag;

/// <summary>The request body an endpoint reads itself (through RequestBody/JsonForm), with its example.</summary>
public sealed record DocumentedBody(Type Type, bool Partial);
