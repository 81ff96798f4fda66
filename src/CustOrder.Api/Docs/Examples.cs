using System.Text.Json;
using System.Text.Json.Nodes;
using CustOrder.Api.Customers;
using CustOrder.Api.Http;
using CustOrder.Api.Items;
using CustOrder.Api.Notifications;
using CustOrder.Api.Orders;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>
/// Examples of request and response bodies, and the Location and ETag headers. The examples are real
/// contract objects serialized with the API's own JSON options, so they are spelt as the API writes them.
/// </summary>
internal static class Examples
{
    private static readonly Guid CustomerId = Guid.Parse("019ae3f0-5b2c-7d41-9a6e-2f1c3b4d5e60");
    private static readonly Guid ItemId = Guid.Parse("019ae3f0-6a10-7c22-8b3d-4e5f6a7b8c90");
    private static readonly Guid OrderId = Guid.Parse("019ae3f0-7f01-7e33-a44c-5d6e7f8091a2");
    private static readonly Guid NotificationId = Guid.Parse("019ae3f0-7f02-7a44-b55d-6e7f8091a2b3");
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 13, 4, 3, TimeSpan.Zero);
    private static readonly DateTimeOffset Sent = Created.AddSeconds(2);

    public static object? For(Type type) => type switch
    {
        _ when type == typeof(CustomerResponse) => new CustomerResponse(CustomerId, "Jane", "Wanjiru", "+254712345678", Created, Created),
        _ when type == typeof(ItemResponse) => new ItemResponse(ItemId, "Kitenge shirt", ItemSize.M, "19.99", Created, Created),
        _ when type == typeof(OrderResponse) => new OrderResponse(OrderId, CustomerId, "Jane", "Wanjiru", ItemId, "Kitenge shirt", 3, "19.99", "59.97",
            Created, Created, new NotificationSummary(NotificationId, SmsStatus.Sent, 1, null, Sent)),
        _ when type == typeof(NotificationResponse) => Notification,
        _ when type == typeof(List<NotificationResponse>) => new List<NotificationResponse> { Notification },
        _ when type == typeof(Dictionary<string, string>) => new Dictionary<string, string>
        {
            ["customers"] = "https://shop.example.com/api/v1/customers",
            ["items"] = "https://shop.example.com/api/v1/items",
            ["orders"] = "https://shop.example.com/api/v1/orders",
            ["docs"] = "https://shop.example.com/docs/",
            ["openapi"] = "https://shop.example.com/openapi/v1.json",
        },
        _ when type == typeof(NewCustomer) => new NewCustomer { FirstName = "Jane", LastName = "Wanjiru", PhoneNumber = "0712 345 678" },
        _ when type == typeof(CustomerChanges) => new Dictionary<string, string> { ["phone_number"] = "+254722000111" },
        _ when type == typeof(NewItem) => new NewItem { Name = "Kitenge shirt", Size = ItemSize.M, Price = "19.99" },
        _ when type == typeof(ItemChanges) => new Dictionary<string, string> { ["price"] = "21.50" },
        _ when type == typeof(NewOrder) => new NewOrder { Customer = CustomerId, Item = ItemId, Quantity = 3 },
        _ when type == typeof(OrderChanges) => new Dictionary<string, int> { ["quantity"] = 5 },
        _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>) => PageOf(type),
        _ => null,
    };

    private static NotificationResponse Notification => new(NotificationId, OrderId, "+254712345678",
        "Hello Jane Wanjiru, your order of 3 Kitenge shirt(s), for a total of KES 59.97, is ready for pickup. Thank you for your service.",
        SmsStatus.Sent, 1, null, "AfricasTalking", "ATXid_2f1c3b4d5e60", 101, "KES 0.8000", Created, Sent, null);

    /// <summary>A page of one result, with a link to the next page.</summary>
    private static object? PageOf(Type pageType)
    {
        var itemType = pageType.GetGenericArguments()[0];
        if (For(itemType) is not { } item)
        {
            return null;
        }

        var results = Array.CreateInstance(itemType, 1);
        results.SetValue(item, 0);
        var resource = itemType.Name.Replace("Response", "", StringComparison.Ordinal).ToLowerInvariant() + "s";
        return Activator.CreateInstance(pageType, 51, $"https://shop.example.com/api/v1/{resource}?limit=50&offset=50", null, results);
    }

    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<DocumentedBody>().FirstOrDefault() is { } body && operation.RequestBody?.Content is { } requestContent)
        {
            var example = Serialize(For(body.Type), json);
            foreach (var media in requestContent.Values)
            {
                media.Example = example?.DeepClone();
            }
        }

        foreach (var responseType in context.Description.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300))
        {
            var status = responseType.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(status, out var response) != true || response is not OpenApiResponse typed)
            {
                continue;
            }

            if (responseType.Type is { } type && Serialize(For(type), json) is { } example && typed.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Example = example.DeepClone();
                }
            }

            AddHeaders(typed, responseType.StatusCode, metadata.OfType<ReturnsETag>().Any());
        }

        return Task.CompletedTask;
    }

    private static void AddHeaders(OpenApiResponse response, int status, bool etag)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (status == StatusCodes.Status201Created)
        {
            response.Headers["Location"] = new OpenApiHeader
            {
                Description = "The new resource's path.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            };
        }

        if (etag)
        {
            response.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The version of the resource, for If-Match and If-None-Match.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    private static JsonNode? Serialize(object? value, JsonSerializerOptions options) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), options);
}
