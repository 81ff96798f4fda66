using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>A PATCH without If-Match asks for no precondition: a concurrent change is no reason to refuse it.</summary>
public sealed class UnconditionalPatchTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    [Fact]
    public async Task Concurrent_patches_without_if_match_all_succeed_each_with_a_version_of_its_own()
    {
        var item = await new Shop(_client).ItemAsync();
        var url = $"/api/v1/items/{item.Str("id")}";

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => _client.PatchJsonAsync(url, new { price = $"{n}.00" })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(12, responses.Select(response => response.ETag()).Distinct().Count());
        Assert.Equal("\"13\"", (await _client.FetchAsync(url)).ETag());
    }
}
