using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>ETag on reads, If-Match on writes: a client working from a stale copy is told, not overwritten.</summary>
public sealed class ConcurrencyTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    [Fact]
    public async Task A_patch_with_the_current_etag_succeeds_and_returns_the_next_etag()
    {
        var item = await Shop.ItemAsync();
        var url = $"/api/v1/items/{item.Str("id")}";
        var etag = (await _client.FetchAsync(url)).ETag();

        var response = await _client.PatchJsonAsync(url, new { name = "Renamed" }, ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.ETag());
        Assert.Equal(response.ETag(), (await _client.FetchAsync(url)).ETag());
    }

    [Fact]
    public async Task A_patch_with_a_stale_etag_is_412_and_changes_nothing()
    {
        var customer = await Shop.CustomerAsync(lastName: "Chebet");
        var url = $"/api/v1/customers/{customer.Str("id")}";
        var stale = (await _client.FetchAsync(url)).ETag();
        (await _client.PatchJsonAsync(url, new { first_name = "First" }, ifMatch: stale)).EnsureSuccessStatusCode();

        var response = await _client.PatchJsonAsync(url, new { first_name = "Second" }, ifMatch: stale);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        var stored = await (await _client.FetchAsync(url)).ReadJsonAsync();
        Assert.Equal("First", stored.Str("first_name"));
    }

    [Fact]
    public async Task A_delete_with_a_stale_etag_is_412_and_deletes_nothing()
    {
        var order = await Shop.OrderAsync(await Shop.CustomerAsync(), await Shop.ItemAsync());
        var url = $"/api/v1/orders/{order.Str("id")}";
        var stale = (await _client.FetchAsync(url)).ETag();
        (await _client.PatchJsonAsync(url, new { quantity = 4 })).EnsureSuccessStatusCode();

        var response = await _client.DeleteAsync(url, ifMatch: stale);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await _client.FetchAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"7\", \"1\"")]
    public async Task If_match_accepts_a_wildcard_or_a_list_containing_the_current_etag(string ifMatch)
    {
        var item = await Shop.ItemAsync();

        var response = await _client.DeleteAsync($"/api/v1/items/{item.Str("id")}", ifMatch);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("garbage")]
    public async Task A_weak_or_unparseable_if_match_never_matches(string ifMatch)
    {
        var item = await Shop.ItemAsync();

        var response = await _client.PatchJsonAsync($"/api/v1/items/{item.Str("id")}", new { name = "x" }, ifMatch);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_get_with_the_current_etag_in_if_none_match_is_304_without_a_body()
    {
        var item = await Shop.ItemAsync();
        var url = $"/api/v1/items/{item.Str("id")}";
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.ETag());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_patch_with_if_none_match_star_on_an_existing_resource_is_412()
    {
        var customer = await Shop.CustomerAsync(lastName: "Kiprono");
        var url = $"/api/v1/customers/{customer.Str("id")}";
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = HttpExtensions.JsonContent(new { last_name = "Other" }) };
        request.Headers.TryAddWithoutValidation("If-None-Match", "*");

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Kiprono", (await (await _client.FetchAsync(url)).ReadJsonAsync()).Str("last_name"));
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/v1/customers")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_concurrent_patches_with_the_same_etag_never_both_win()
    {
        var item = await Shop.ItemAsync(price: "1.00");
        var url = $"/api/v1/items/{item.Str("id")}";
        var etag = (await _client.FetchAsync(url)).ETag();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            _client.PatchJsonAsync(url, new { price = $"{n + 2}.00" }, ifMatch: etag)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.PreconditionFailed, s));
    }
}
