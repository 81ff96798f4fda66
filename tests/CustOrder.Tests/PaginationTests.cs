using System.Text.Json;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Lists page like Django REST Framework's LimitOffsetPagination: {count, next, previous, results}.</summary>
public sealed class PaginationTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private async Task<(string Tag, List<string> NewestFirst)> CreateCustomersAsync(int count)
    {
        var shop = new Shop(_client);
        var tag = Shop.Unique("Page");
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            ids.Insert(0, (await shop.CustomerAsync(lastName: $"{tag}{n:D2}")).Str("id"));
        }

        return (tag, ids);
    }

    private async Task<JsonElement> PageAsync(string query) =>
        await (await _client.FetchAsync($"/api/v1/customers?{query}")).ReadJsonAsync();

    [Fact]
    public async Task Pages_walk_the_whole_list_without_gaps_or_overlaps()
    {
        var (tag, expected) = await CreateCustomersAsync(7);

        var seen = new List<string>();
        string? next = $"/api/v1/customers?search={tag}&limit=3";
        var pages = 0;
        while (next is not null && pages++ < 10)
        {
            var page = await (await _client.FetchAsync(next)).ReadJsonAsync();
            Assert.Equal(7, page.GetProperty("count").GetInt32());
            seen.AddRange(page.GetProperty("results").EnumerateArray().Select(c => c.Str("id")));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Links_are_absolute_and_keep_the_filters()
    {
        var (tag, _) = await CreateCustomersAsync(5);

        var middle = await PageAsync($"search={tag}&limit=2&offset=2");

        Assert.Equal($"http://localhost/api/v1/customers?search={tag}&limit=2&offset=4", middle.Str("next"));
        Assert.Equal($"http://localhost/api/v1/customers?search={tag}&limit=2", middle.Str("previous"));
    }

    [Fact]
    public async Task The_first_page_has_no_previous_and_the_last_has_no_next()
    {
        var (tag, _) = await CreateCustomersAsync(3);

        var first = await PageAsync($"search={tag}&limit=2");
        var last = await PageAsync($"search={tag}&limit=2&offset=2");

        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Single(last.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task An_offset_past_the_end_gives_no_results_and_a_link_back_to_the_last_page()
    {
        var (tag, _) = await CreateCustomersAsync(3);

        var beyond = await PageAsync($"search={tag}&limit=2&offset=100");

        Assert.Equal(3, beyond.GetProperty("count").GetInt32());
        Assert.Empty(beyond.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, beyond.GetProperty("next").ValueKind);
        Assert.Equal($"http://localhost/api/v1/customers?search={tag}&limit=2&offset=1", beyond.Str("previous"));
    }

    [Theory]
    [InlineData(2147483647)]
    [InlineData(2147483646)]
    public async Task The_largest_offsets_give_an_empty_page_without_a_next_link(int offset)
    {
        var (tag, _) = await CreateCustomersAsync(1);

        var page = await PageAsync($"search={tag}&limit=500&offset={offset}");

        Assert.Empty(page.GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_default_limit_is_50_and_500_is_the_largest_accepted()
    {
        var (tag, _) = await CreateCustomersAsync(55);

        var byDefault = await PageAsync($"search={tag}");
        var largest = await PageAsync($"search={tag}&limit=500");

        Assert.Equal(50, byDefault.GetProperty("results").GetArrayLength());
        Assert.Equal(55, largest.GetProperty("results").GetArrayLength());
    }
}
