using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>Lists the query and header parameters an endpoint declared with <see cref="ApiParameter"/> metadata.</summary>
internal static class QueryParameters
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiParameter>().ToList();
        if (declared.Count > 0)
        {
            operation.Parameters ??= [];
            foreach (var parameter in declared)
            {
                operation.Parameters.Add(parameter.ToOpenApi());
            }
        }

        return Task.CompletedTask;
    }
}
