using System.Net;
using System.Text;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Every kind of bad input answers with a 4xx problem document naming the field; none reaches a 5xx.</summary>
public sealed class BadInputTests(ApiFactory app) : IClassFixture<ApiFactory>
{
    private const string ValidCustomer = """{"first_name":"Jane","last_name":"Doe","phone_number":"+254712345678"}""";

    private readonly HttpClient _client = app.CreateApiClient();

    private Shop Shop => new(_client);

    public static TheoryData<string, string, string> InvalidCustomers => new()
    {
        { """{"last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "This field is required." },
        { """{"first_name":"   ","last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "This field may not be blank." },
        { """{"first_name":null,"last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "This field may not be null." },
        { """{"first_name":42,"last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Not a valid string." },
        { """{"first_name":{"a":1},"last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Not a valid string." },
        { """{"first_name":["Jane"],"last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Not a valid string." },
        { """{"first_name":"Ja\u0000ne","last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Null characters are not allowed." },
        { """{"first_name":"\ud800","last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Not valid Unicode text." },
        { $$"""{"first_name":"Jane","last_name":"{{new string('x', 251)}}","phone_number":"+254712345678"}""", "last_name", "Ensure this field has no more than 250 characters." },
        { """{"first_name":"a\u001b[31m","last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "Control characters are not allowed." },
        { """{"first_name":"Jane","last_name":"B\nC","phone_number":"+254712345678"}""", "last_name", "Control characters are not allowed." },
        { """{"first_name":"\u200b","last_name":"Doe","phone_number":"+254712345678"}""", "first_name", "This field may not be blank." },
        { """{"first_name":"Jane","last_name":"Doe","phone_number":"+254712345678 ext. 123"}""", "phone_number", "Enter a valid phone number, such as +254712345678 or 0712 345 678." },
        { """{"first_name":"Jane","last_name":"Doe","phone_number":"0712"}""", "phone_number", "Enter a valid phone number, such as +254712345678 or 0712 345 678." },
        { """{"first_name":"Jane","last_name":"Doe","phone_number":"+254712345678","is_admin":true}""", "is_admin", "Unknown field." },
    };

    [Theory]
    [MemberData(nameof(InvalidCustomers))]
    public async Task Invalid_customer_fields_are_400_with_the_field_error(string body, string field, string message)
    {
        var response = await _client.PostJsonAsync("/api/v1/customers", body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.FieldErrors(field));
    }

    [Fact]
    public async Task A_name_of_exactly_250_characters_including_non_ascii_is_accepted()
    {
        var name = string.Concat(Enumerable.Repeat("é", 125)) + string.Concat(Enumerable.Repeat("😀", 125));

        var customer = await Shop.CustomerAsync(lastName: name);

        Assert.Equal(name, customer.Str("last_name"));
    }

    public static TheoryData<string, string, string> InvalidItems => new()
    {
        { """{"name":"Shirt","size":"XLL","price":"1.00"}""", "size", "Not a valid choice; expected one of S, M, L, XL, XXL." },
        { """{"name":"Shirt","size":"m","price":"1.00"}""", "size", "Not a valid choice; expected one of S, M, L, XL, XXL." },
        { """{"name":"Shirt","size":1,"price":"1.00"}""", "size", "Not a valid choice; expected one of S, M, L, XL, XXL." },
        { """{"name":"Shirt","size":"M","price":"1.999"}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":1.999}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":-0.01}""", "price", "Ensure this value is greater than or equal to 0." },
        { """{"name":"Shirt","size":"M","price":"100000000.00"}""", "price", "Ensure this value is less than or equal to 99999999.99." },
        { """{"name":"Shirt","size":"M","price":"abc"}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"M","price":"NaN"}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"M","price":true}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"M"}""", "price", "This field is required." },
        { """{"name":"Shirt","size":"M","price":"99999999.989999999999999999999"}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":"1.00000000000000000000000000000000000001"}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":1.00000000000000000000000000000000000001}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":1e-30}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":"0.00000000000000000000000000001"}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":1e400}""", "price", "Ensure this value is less than or equal to 99999999.99." },
        { """{"name":"Shirt","size":"M","price":"1e-400"}""", "price", "Ensure that there are no more than 2 decimal places." },
        { """{"name":"Shirt","size":"M","price":" 1.00"}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"M","price":"1,00"}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"M","price":"Infinity"}""", "price", "A valid number is required." },
        { """{"name":"Shirt","size":"\ud800","price":"1.00"}""", "size", "Not a valid choice; expected one of S, M, L, XL, XXL." },
        { """{"name":"Shirt","size":"M","price":"\ud800"}""", "price", "A valid number is required." },
    };

    [Theory]
    [MemberData(nameof(InvalidItems))]
    public async Task Invalid_item_fields_are_400_with_the_field_error(string body, string field, string message)
    {
        var response = await _client.PostJsonAsync("/api/v1/items", body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.FieldErrors(field));
    }

    [Theory]
    [InlineData("\"abc\"", "A valid integer is required.")]
    [InlineData("2.5", "A valid integer is required.")]
    [InlineData("\"3\"", "A valid integer is required.")]
    [InlineData("{}", "A valid integer is required.")]
    [InlineData("[1]", "A valid integer is required.")]
    [InlineData("0", "Ensure this value is greater than or equal to 1.")]
    [InlineData("-1", "Ensure this value is greater than or equal to 1.")]
    [InlineData("1000001", "Ensure this value is less than or equal to 1000000.")]
    [InlineData("99999999999999999999", "A valid integer is required.")]
    public async Task Invalid_quantities_are_400_with_the_field_error(string quantity, string message)
    {
        var customer = await Shop.CustomerAsync();
        var item = await Shop.ItemAsync();

        var response = await _client.PostJsonAsync("/api/v1/orders",
            $$"""{"customer":"{{customer.Str("id")}}","item":"{{item.Str("id")}}","quantity":{{quantity}}}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.FieldErrors("quantity"));
    }

    [Fact]
    public async Task Malformed_uuids_in_an_order_are_field_errors()
    {
        var response = await _client.PostJsonAsync("/api/v1/orders", """{"customer":"abc","item":"\udfff","quantity":1}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["Must be a valid UUID."], problem.FieldErrors("customer"));
        Assert.Equal(["Must be a valid UUID."], problem.FieldErrors("item"));
    }

    [Theory]
    [InlineData("{\"first_name\":")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"first_name\":\"a\",\"first_name\":\"b\"}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var response = await _client.PostJsonAsync("/api/v1/customers", body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON.", problem.Str("title"));
    }

    [Theory]
    [InlineData("""{"name":"Shirt","size":"M","price":"1.00","\ud800":1}""")]
    [InlineData("""{"name":"Shirt","size":"M","price":"1.00","\ud800":1,"\udc00":2}""")]
    [InlineData("""{"name":"Shirt","size":{"\ud800":"M"},"price":"1.00"}""")]
    [InlineData("""{"name":"Shirt","size":{"\ud800":"M","\ud800":"L"},"price":"1.00"}""")]
    public async Task A_property_name_that_is_not_valid_unicode_is_a_400_problem(string body)
    {
        var response = await _client.PostJsonAsync("/api/v1/items", body);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON.", problem.Str("title"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_a_400_problem(string body)
    {
        var response = await _client.PostJsonAsync("/api/v1/items", body);

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData("application/problem+json")]
    [InlineData("application/vnd.foo+json")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Another_content_type_is_a_415_problem(string contentType)
    {
        var response = await _client.PostAsync("/api/v1/customers",
            new StringContent(ValidCustomer, Encoding.UTF8, System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType)), TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_with_or_without_a_utf8_charset_is_accepted(string contentType)
    {
        var response = await _client.PostAsync("/api/v1/customers",
            new StringContent(ValidCustomer, Encoding.UTF8, System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_compressed_body_is_a_415_problem()
    {
        var content = new ByteArrayContent([0x1f, 0x8b, 0x08, 0x00]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await _client.PostAsync("/api/v1/customers", content, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_patch_with_another_content_type_is_a_415_and_changes_nothing()
    {
        var customer = await Shop.CustomerAsync(lastName: "Barasa");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/customers/{customer.Str("id")}")
        {
            Content = new StringContent("last_name=Other", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var stored = await (await _client.FetchAsync($"/api/v1/customers/{customer.Str("id")}")).ReadJsonAsync();
        Assert.Equal("Barasa", stored.Str("last_name"));
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_problem()
    {
        var huge = $$"""{"first_name":"{{new string('a', 1024 * 1024)}}","last_name":"Doe","phone_number":"+254712345678"}""";

        var response = await _client.PostJsonAsync("/api/v1/customers", huge);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_one_mebibyte_is_a_413_problem()
    {
        var content = new StreamContent(new MemoryStream(new byte[(1024 * 1024) + 10]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/items") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/v1/customers", "text/html", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/health/live", "text/plain", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/v1/customers/00000000-0000-0000-0000-000000000000", "image/png", HttpStatusCode.NotFound)]
    public async Task An_error_is_a_problem_document_whatever_the_accept_header_asks_for(string method, string url, string accept, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        await response.ReadProblemAsync(expected);
    }

    [Fact]
    public async Task A_request_without_a_token_is_a_401_problem_document_whatever_the_accept_header_asks_for()
    {
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/xml");

        var response = await anonymous.FetchAsync("/api/v1/orders");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=-5")]
    [InlineData("limit=abc")]
    [InlineData("offset=-1")]
    [InlineData("offset=1.5")]
    [InlineData("search=a%00b")]
    [InlineData("ordering=-")]
    [InlineData("ordering=phone_number")]
    public async Task Malformed_list_parameters_are_400_field_errors(string query)
    {
        var response = await _client.FetchAsync($"/api/v1/customers?{query}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(problem.FieldErrors(query.Split('=')[0]));
    }
}
