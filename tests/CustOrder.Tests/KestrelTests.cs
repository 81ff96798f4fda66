using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CustOrder.Tests.Infrastructure;

namespace CustOrder.Tests;

/// <summary>Over real HTTP on Kestrel: the body limit is exactly 1 MiB however the body is framed.</summary>
public sealed class KestrelTests(KestrelApiFactory app) : IClassFixture<KestrelApiFactory>
{
    private const int MiB = 1024 * 1024;

    private readonly HttpClient _client = app.CreateApiClient();

    /// <summary>A valid customer padded with spaces to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] CustomerOfSize(int size)
    {
        const string json = """{"first_name":"Jane","last_name":"Doe","phone_number":"+254712345678"}""";
        return Encoding.UTF8.GetBytes(json[..^1] + new string(' ', size - json.Length) + "}");
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, bool chunked)
    {
        var content = chunked ? new StreamContent(new MemoryStream(body)) : (HttpContent)new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        return _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_exactly_one_mebibyte_is_accepted(bool chunked)
    {
        var response = await PostAsync(CustomerOfSize(MiB), chunked);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(false, MiB + 1)]
    [InlineData(true, MiB + 1)]
    [InlineData(true, 3 * MiB)]
    [InlineData(false, 3 * MiB)]
    public async Task A_body_over_one_mebibyte_is_a_413_problem(bool chunked, int size)
    {
        var response = await PostAsync(CustomerOfSize(size), chunked);

        var problem = await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Payload Too Large.", problem.Str("title"));
    }

    [Fact]
    public async Task Head_on_a_list_answers_200_with_no_body()
    {
        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/items"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
