using System.Net;
using System.Text;
using CustOrder.Api.Auth;
using CustOrder.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CustOrder.Tests;

/// <summary>The OpenAPI document at /openapi/v1.json against the app's real endpoints and what they enforce.</summary>
public sealed class ApiDocumentTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    /// <summary>Where CI wants the document written, for the OpenAPI linter (.ci/run).</summary>
    public const string OutputVariable = "CUSTORDER_OPENAPI_OUT";

    private static readonly string[] ProblemStatuses = ["400", "401", "403", "404", "409", "412", "413", "415", "422", "429"];

    /// <summary>Every route under /api, with its methods and the scopes its authorization policies require.</summary>
    private List<(string Method, string Path, string[] Scopes)> ApiRoutes() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => OpenApiDocument.PathOf(endpoint.RoutePattern).StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => (
                method,
                OpenApiDocument.PathOf(endpoint.RoutePattern),
                endpoint.Metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Order(StringComparer.Ordinal).ToArray())))];

    [Fact]
    public async Task Every_api_route_is_documented_with_a_summary_and_the_scope_its_endpoint_requires()
    {
        var (document, text) = await OpenApiDocument.LoadAsync(app.CreateClient());
        if (Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } output)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, text, TestContext.Current.CancellationToken);
        }

        Assert.StartsWith("3.1", document.Root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var routes = ApiRoutes();
        Assert.True(routes.Count >= 18, $"Only {routes.Count} API routes found.");
        foreach (var (method, path, scopes) in routes)
        {
            var operation = document.Operation(method, path);
            Assert.True(operation is not null, $"{method} {path} is not in the OpenAPI document.");
            Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{method} {path} has no summary.");
            Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("operationId").GetString()), $"{method} {path} has no operationId.");
            Assert.Equal(scopes, OpenApiDocument.Scopes(operation.Value).Order(StringComparer.Ordinal).ToArray());
            Assert.All(scopes, scope => Assert.Contains(scope, Scopes.Api));
        }

        // And nothing documented that the app does not serve.
        Assert.Equal(routes.Select(r => $"{r.Method} {r.Path}").Order(StringComparer.Ordinal),
            document.Operations().Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_documented_scope_is_the_one_the_api_enforces()
    {
        var (document, _) = await OpenApiDocument.LoadAsync(app.CreateClient());
        foreach (var (method, path, operation) in document.Operations())
        {
            var scopes = OpenApiDocument.Scopes(operation);
            var url = path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            if (scopes.Length == 0)
            {
                var anonymous = await SendAsync(app.CreateClient(), method, url);
                Assert.True(anonymous.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{method} {path} is documented as public but answers {anonymous.StatusCode}.");
                continue;
            }

            var allowed = await SendAsync(app.CreateApiClient(scopes), method, url);
            Assert.True(allowed.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{method} {path} refuses a token with its documented scope {string.Join(' ', scopes)}: {allowed.StatusCode}.");
            var others = Scopes.Api.Except(scopes).ToArray();
            var refused = await SendAsync(app.CreateApiClient(others), method, url);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with every scope but {string.Join(' ', scopes)}: {refused.StatusCode}.");
            var anonymousCall = await SendAsync(app.CreateClient(), method, url);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousCall.StatusCode);
        }
    }

    [Fact]
    public async Task Errors_are_problem_documents_and_every_api_operation_documents_429_and_where_a_token_is_needed_401_and_403()
    {
        var (document, _) = await OpenApiDocument.LoadAsync(app.CreateClient());
        foreach (var (method, path, operation) in document.Operations())
        {
            var responses = operation.GetProperty("responses");
            var statuses = responses.EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("429", statuses);
            if (OpenApiDocument.Scopes(operation).Length > 0)
            {
                Assert.Contains("401", statuses);
                Assert.Contains("403", statuses);
            }
            else
            {
                Assert.DoesNotContain("401", statuses);
            }

            foreach (var status in statuses.Where(s => s.StartsWith('4')))
            {
                Assert.Contains(status, ProblemStatuses);
                var content = responses.GetProperty(status).GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not a problem document.");
            }
        }

        // What the API really sends for a missing token and a missing scope.
        var unauthorized = await app.CreateClient().GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);
        Assert.Equal("application/problem+json", unauthorized.ContentType()?.MediaType);
        var forbidden = await app.CreateApiClient(Scopes.ItemsRead).GetAsync("/api/v1/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.ContentType()?.MediaType);
    }

    [Fact]
    public async Task Documented_request_bodies_are_the_fields_the_api_reads_and_requires()
    {
        var (document, _) = await OpenApiDocument.LoadAsync(app.CreateClient());
        var client = app.CreateApiClient();
        foreach (var (method, path, operation) in document.Operations().Where(o => o.Method == "POST" && !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            var schema = document.Resolve(OpenApiDocument.RequestSchema(operation)!.Value);
            Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
            var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal);

            var empty = await (await client.PostJsonAsync(path, new { })).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(required, empty.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));

            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                // A field the API reads says it may not be null; one it does not know would be "Unknown field.".
                var problem = await (await client.PostAsync(path, new StringContent($"{{\"{property.Name}\": null}}", Encoding.UTF8, "application/json"),
                    TestContext.Current.CancellationToken)).ReadProblemAsync(HttpStatusCode.BadRequest);
                Assert.Equal(["This field may not be null."], problem.FieldErrors(property.Name));
            }

            var unknown = await (await client.PostJsonAsync(path, new { not_a_field = 1 })).ReadProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["Unknown field."], unknown.FieldErrors("not_a_field"));
        }
    }

    [Fact]
    public async Task The_documented_examples_are_accepted_and_answered_in_the_documented_shape()
    {
        var (document, _) = await OpenApiDocument.LoadAsync(app.CreateClient());
        var client = app.CreateApiClient();
        var created = new Dictionary<string, string>();
        foreach (var resource in new[] { "customers", "items", "orders" })
        {
            var create = document.Operation("POST", $"/api/v1/{resource}")!.Value;
            var example = OpenApiDocument.RequestExample(create)!.Value.ToString();
            // The order example names example ids: put in the customer and item just made from their examples.
            example = created.Aggregate(example, (text, pair) => text.Replace(pair.Key, pair.Value, StringComparison.Ordinal));
            var response = await client.PostAsync($"/api/v1/{resource}", new StringContent(example, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var body = await response.ReadJsonAsync(HttpStatusCode.Created);
            var documented = create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json");
            var exampleBody = documented.GetProperty("example");
            Assert.Equal(PropertyNames(document.Resolve(documented.GetProperty("schema"))), body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(exampleBody.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            created[exampleBody.Str("id")] = body.Str("id");

            var patch = document.Operation("PATCH", $"/api/v1/{resource}/{{id}}")!.Value;
            var changes = OpenApiDocument.RequestExample(patch)!.Value.ToString();
            var changed = await client.PatchAsync($"/api/v1/{resource}/{body.Str("id")}", new StringContent(changes, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            await changed.ReadJsonAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Documented_query_parameters_are_read_by_the_lists_with_the_documented_choices()
    {
        var (document, _) = await OpenApiDocument.LoadAsync(app.CreateClient());
        var client = app.CreateApiClient();
        foreach (var (_, path, operation) in document.Operations().Where(o => o.Method == "GET" && o.Operation.GetProperty("operationId").GetString()!.StartsWith("list", StringComparison.Ordinal) && !o.Path.Contains('{', StringComparison.Ordinal)))
        {
            var parameters = OpenApiDocument.Parameters(operation, "query").ToList();
            Assert.Contains(parameters, p => p.Str("name") == "limit");
            Assert.Contains(parameters, p => p.Str("name") == "offset");
            Assert.Contains(parameters, p => p.Str("name") == "ordering");
            foreach (var parameter in parameters)
            {
                var name = parameter.Str("name");
                var schema = parameter.GetProperty("schema");
                if (schema.TryGetProperty("enum", out var choices))
                {
                    foreach (var choice in choices.EnumerateArray())
                    {
                        var ok = await client.GetAsync($"{path}?{name}={Uri.EscapeDataString(choice.GetString()!)}", TestContext.Current.CancellationToken);
                        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{path}?{name}={choice} answered {ok.StatusCode}.");
                    }
                }

                // A value no documented parameter type allows: the list names the parameter in its 400.
                var bad = schema.TryGetProperty("enum", out _) || schema.Str("type") != "string" || schema.TryGetProperty("format", out _) || parameter.TryGetProperty("example", out _)
                    ? "not-valid"
                    : "\u0001";
                var problem = await (await client.GetAsync($"{path}?{name}={Uri.EscapeDataString(bad)}", TestContext.Current.CancellationToken)).ReadProblemAsync(HttpStatusCode.BadRequest);
                Assert.NotEmpty(problem.FieldErrors(name));
            }
        }
    }

    private static IOrderedEnumerable<string> PropertyNames(System.Text.Json.JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
