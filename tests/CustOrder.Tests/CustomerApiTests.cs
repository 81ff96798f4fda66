using System.Net;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

public sealed class CustomerApiTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    [Fact]
    public async Task Creating_a_customer_returns_201_with_location_etag_and_snake_case_body()
    {
        var response = await _client.PostJsonAsync("/api/v1/customers",
            new { first_name = "  Jane ", last_name = "Doe", phone_number = "0712 345 678" });

        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var id = Guid.Parse(body.Str("id"));
        Assert.Equal($"/api/v1/customers/{id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.ETag());
        Assert.Equal("Jane", body.Str("first_name"));
        Assert.Equal("Doe", body.Str("last_name"));
        Assert.Equal("+254712345678", body.Str("phone_number"));
        Assert.EndsWith("+00:00", body.Str("date_created"), StringComparison.Ordinal);
        Assert.Equal(body.Str("date_created"), body.Str("date_modified"));
    }

    [Theory]
    [InlineData("0712 345 678")]
    [InlineData("254712345678")]
    [InlineData("+254712345678")]
    [InlineData("+254 712-345-678")]
    public async Task Phone_numbers_are_stored_in_E164_using_the_default_region(string written)
    {
        var customer = await Shop.CustomerAsync(phone: written);

        var stored = await (await _client.FetchAsync($"/api/v1/customers/{customer.Str("id")}")).ReadJsonAsync();
        Assert.Equal("+254712345678", stored.Str("phone_number"));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("not a phone")]
    [InlineData("+2547123456789999")]
    [InlineData("")]
    public async Task An_invalid_phone_number_is_a_field_error(string phone)
    {
        var response = await _client.PostJsonAsync("/api/v1/customers", new { first_name = "Jane", last_name = "Doe", phone_number = phone });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(problem.FieldErrors("phone_number"));
    }

    [Fact]
    public async Task Getting_a_customer_returns_it_with_its_etag()
    {
        var customer = await Shop.CustomerAsync(lastName: "Wanjiru");

        var response = await _client.FetchAsync($"/api/v1/customers/{customer.Str("id")}");

        var body = await response.ReadJsonAsync();
        Assert.Equal("Wanjiru", body.Str("last_name"));
        Assert.Equal(customer.Str("date_created"), body.Str("date_created"));
        Assert.Equal("\"1\"", response.ETag());
    }

    [Theory]
    [InlineData("/api/v1/customers/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/v1/customers/not-a-uuid")]
    [InlineData("/api/v1/customers/123")]
    public async Task An_unknown_or_malformed_id_is_a_404_problem(string url)
    {
        var response = await _client.FetchAsync(url);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patching_changes_only_the_given_fields_and_bumps_the_version()
    {
        var customer = await Shop.CustomerAsync(lastName: "Otieno");

        var response = await _client.PatchJsonAsync($"/api/v1/customers/{customer.Str("id")}", new { phone_number = "0722 000 111" });

        var body = await response.ReadJsonAsync();
        Assert.Equal("Jane", body.Str("first_name"));
        Assert.Equal("Otieno", body.Str("last_name"));
        Assert.Equal("+254722000111", body.Str("phone_number"));
        Assert.Equal("\"2\"", response.ETag());
        Assert.True(DateTimeOffset.Parse(body.Str("date_modified"), System.Globalization.CultureInfo.InvariantCulture)
            > DateTimeOffset.Parse(body.Str("date_created"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Patching_with_an_invalid_field_changes_nothing()
    {
        var customer = await Shop.CustomerAsync(lastName: "Kamau");
        var url = $"/api/v1/customers/{customer.Str("id")}";

        var response = await _client.PatchJsonAsync(url, new { first_name = "John", last_name = "" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["This field may not be blank."], problem.FieldErrors("last_name"));
        var stored = await (await _client.FetchAsync(url)).ReadJsonAsync();
        Assert.Equal("Jane", stored.Str("first_name"));
        Assert.Equal("Kamau", stored.Str("last_name"));
    }

    [Fact]
    public async Task Deleting_a_customer_without_orders_returns_204_and_it_is_gone()
    {
        var customer = await Shop.CustomerAsync();
        var url = $"/api/v1/customers/{customer.Str("id")}";

        var response = await _client.DeleteAsync(url, ifMatch: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.FetchAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Search_matches_first_name_last_name_or_phone_case_insensitively()
    {
        var family = Shop.Unique("Mwangi");
        var byLastName = await Shop.CustomerAsync(lastName: family, phone: "0733 100 200");
        await Shop.CustomerAsync(lastName: family + "x", firstName: "Zawadi", phone: "0733 100 201");
        await Shop.CustomerAsync(lastName: Shop.Unique("Other"), phone: "0733 100 202");

        var lower = await (await _client.FetchAsync($"/api/v1/customers?search={family.ToLowerInvariant()}")).ReadJsonAsync();
        var byPhone = await (await _client.FetchAsync("/api/v1/customers?search=0733100200")).ReadJsonAsync();

        Assert.Equal(2, lower.GetProperty("count").GetInt32());
        Assert.Contains(byPhone.GetProperty("results").EnumerateArray(), c => c.Str("id") == byLastName.Str("id"));
    }

    [Theory]
    [InlineData("Émile", "émile")]
    [InlineData("Ünal", "üNAL")]
    [InlineData("Ärmel", "ÄRMEL")]
    public async Task Search_ignores_case_beyond_ascii(string firstName, string search)
    {
        var lastName = Shop.Unique("Accent");
        await Shop.CustomerAsync(lastName: lastName, firstName: firstName);

        var list = await (await _client.FetchAsync($"/api/v1/customers?search={Uri.EscapeDataString(search)}")).ReadJsonAsync();

        Assert.Contains(list.GetProperty("results").EnumerateArray(), c => c.Str("last_name") == lastName);
    }

    [Fact]
    public async Task Customers_can_be_ordered_by_last_name_either_way()
    {
        var tag = Shop.Unique("Ord");
        foreach (var name in new[] { "b", "c", "a" })
        {
            await Shop.CustomerAsync(lastName: tag + name);
        }

        var ascending = await (await _client.FetchAsync($"/api/v1/customers?search={tag}&ordering=last_name")).ReadJsonAsync();
        var descending = await (await _client.FetchAsync($"/api/v1/customers?search={tag}&ordering=-last_name")).ReadJsonAsync();

        Assert.Equal([tag + "a", tag + "b", tag + "c"], ascending.GetProperty("results").EnumerateArray().Select(c => c.Str("last_name")));
        Assert.Equal([tag + "c", tag + "b", tag + "a"], descending.GetProperty("results").EnumerateArray().Select(c => c.Str("last_name")));
    }

    [Fact]
    public async Task Lists_are_newest_first_by_default()
    {
        var tag = Shop.Unique("New");
        var first = await Shop.CustomerAsync(lastName: tag + "1");
        var second = await Shop.CustomerAsync(lastName: tag + "2");

        var list = await (await _client.FetchAsync($"/api/v1/customers?search={tag}")).ReadJsonAsync();

        Assert.Equal([second.Str("id"), first.Str("id")], list.GetProperty("results").EnumerateArray().Select(c => c.Str("id")));
    }
}
