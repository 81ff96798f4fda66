using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CustOrder.Api.Docs;

/// <summary>
/// Schema details the type system does not say: numbers are written and read as JSON numbers only
/// (JsonForm refuses "3" for 3), enums are strings, money is a decimal string.
/// </summary>
internal static class SchemaRules
{
    public const string MoneyPattern = @"^[0-9]{1,8}\.[0-9]{2}$";

    public static Task ApplyAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // The web defaults allow reading numbers from strings, so the generator says integer|string; the API never does.
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        if (context.JsonTypeInfo.Type.IsEnum)
        {
            schema.Type = JsonSchemaType.String;
        }

        var money = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(MoneyAmountAttribute), inherit: false)
            .OfType<MoneyAmountAttribute>().FirstOrDefault()
            ?? (context.JsonPropertyInfo?.AttributeProvider as ParameterInfo)?.GetCustomAttribute<MoneyAmountAttribute>();
        if (money is null)
        {
            return Task.CompletedTask;
        }

        if (money.AcceptsNumber)
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number;
            schema.Pattern = @"^[0-9]+(\.[0-9]{1,2})?$";
            schema.Minimum = "0";
            schema.Maximum = Http.Money.Format(Http.Limits.MaxPrice);
            schema.Description = $"An amount from 0 to {schema.Maximum} with at most 2 decimals, as a string (\"19.99\") or a number (19.99).";
        }
        else
        {
            schema.Type = JsonSchemaType.String;
            schema.Pattern = MoneyPattern;
            schema.Description = "An amount as a string with exactly 2 decimals.";
        }

        schema.Format = null;
        return Task.CompletedTask;
    }
}
