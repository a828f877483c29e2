using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Idempotency;
using ImagePipeline.TestSupport.Time;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>Idempotency-Key on uploads, per draft-ietf-httpapi-idempotency-key-header, through the real gateway.</summary>
public sealed class IdempotencyTests : IDisposable
{
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n";
    private const string OtherCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU2,https://img.example/c.jpg\r\n";
    private const string InvalidCsv = "S. No.,Product Name,Input Image Urls\r\n0,,ftp://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();
    private readonly ManualClock _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public IdempotencyTests()
    {
        _factory.Time = _time;
    }

    private ITestHarness Harness => _factory.Services.GetRequiredService<ITestHarness>();

    private int Published => Harness.Published.Select<RequestSubmitted>().Count();

    [Fact]
    public async Task A_retry_with_the_same_key_and_payload_gets_the_original_answer_and_creates_nothing()
    {
        var client = _factory.CreateClient();

        var first = await client.SendAsync(Upload("retry-1", ValidCsv));
        var retry = await client.SendAsync(Upload("retry-1", ValidCsv));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, retry.StatusCode));
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        var published = Harness.Published.Select<RequestSubmitted>().Single().Context.Message;
        Assert.Equal(await RequestIdOf(first), published.RequestId);
        Assert.Single(Directory.GetFiles(Path.Combine(_factory.FilesDirectory, "uploads")));
    }

    [Fact]
    public async Task The_same_csv_sent_as_multipart_is_the_same_payload()
    {
        var client = _factory.CreateClient();
        var first = await client.SendAsync(Upload("framing", ValidCsv, webhookUrl: "https://hooks.example/a"));
        var multipart = new HttpRequestMessage(HttpMethod.Post, "/api/requests")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(ValidCsv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
                { new StringContent("https://hooks.example/a"), "webhookUrl" },
            },
        };
        multipart.Headers.Add(IdempotencyKeyHeader.Name, "framing");

        var retry = await client.SendAsync(multipart);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(await RequestIdOf(first), await RequestIdOf(retry));
        Assert.Equal(1, Published);
    }

    [Theory]
    [InlineData(OtherCsv, null)]
    [InlineData(ValidCsv, "https://hooks.example/other")]
    public async Task The_same_key_with_another_payload_is_422(string csv, string? webhookUrl)
    {
        var client = _factory.CreateClient();
        await client.SendAsync(Upload("reused", ValidCsv));

        var response = await client.SendAsync(Upload("reused", csv, webhookUrl));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(IdempotencyProblems.KeyReusedType, problem.GetProperty("type").GetString());
        Assert.Equal(1, Published);
    }

    [Fact]
    public async Task Ten_concurrent_uploads_with_one_key_make_one_request()
    {
        _factory.Settings["Uploads:RateLimit:Burst"] = "100";
        var client = _factory.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(Upload("concurrent", ValidCsv))));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).ToArray();
        var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToArray();
        Assert.Equal(responses.Length, accepted.Length + conflicts.Length);
        Assert.NotEmpty(accepted);
        var requestId = Harness.Published.Select<RequestSubmitted>().Single().Context.Message.RequestId;
        foreach (var response in accepted)
        {
            Assert.Equal(requestId, await RequestIdOf(response));
        }
        foreach (var conflict in conflicts)
        {
            Assert.Equal(IdempotencyProblems.InProgressType, (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
            Assert.Equal(TimeSpan.FromSeconds(1), conflict.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task After_the_keys_lifetime_the_same_key_makes_a_new_request()
    {
        _factory.Settings["Uploads:IdempotencyKeyLifetime"] = "01:00:00";
        var client = _factory.CreateClient();
        var first = await RequestIdOf(await client.SendAsync(Upload("expiring", ValidCsv)));

        _time.Advance(TimeSpan.FromMinutes(59));
        var withinLifetime = await RequestIdOf(await client.SendAsync(Upload("expiring", ValidCsv)));
        _time.Advance(TimeSpan.FromMinutes(1));
        var afterLifetime = await RequestIdOf(await client.SendAsync(Upload("expiring", OtherCsv)));

        Assert.Equal(first, withinLifetime);
        Assert.NotEqual(first, afterLifetime);
        Assert.Equal([first, afterLifetime], Harness.Published.Select<RequestSubmitted>().Select(p => p.Context.Message.RequestId));
    }

    [Fact]
    public async Task A_refused_upload_does_not_use_up_its_key()
    {
        var client = _factory.CreateClient();

        var refused = await client.SendAsync(Upload("fix-and-retry", InvalidCsv));
        var fixedUpload = await client.SendAsync(Upload("fix-and-retry", ValidCsv));
        var retry = await client.SendAsync(Upload("fix-and-retry", ValidCsv));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fixedUpload.StatusCode);
        Assert.Equal(await RequestIdOf(fixedUpload), await RequestIdOf(retry));
        Assert.Equal(1, Published);
    }

    [Fact]
    public async Task Keys_of_different_api_keys_do_not_meet()
    {
        _factory.Settings["Access:ApiKeys:0"] = "key-a-0123456789abcdef";
        _factory.Settings["Access:ApiKeys:1"] = "key-b-0123456789abcdef";
        var client = _factory.CreateClient();

        var byA = Upload("same-key", ValidCsv);
        byA.Headers.Add(ApiKeyRing.HeaderName, "key-a-0123456789abcdef");
        var byB = Upload("same-key", OtherCsv);
        byB.Headers.Add(ApiKeyRing.HeaderName, "key-b-0123456789abcdef");

        var a = await client.SendAsync(byA);
        var b = await client.SendAsync(byB);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (a.StatusCode, b.StatusCode));
        Assert.NotEqual(await RequestIdOf(a), await RequestIdOf(b));
        Assert.Equal(2, Published);
    }

    // an empty bare value is covered by IdempotencyKeyHeaderTests: HttpClient does not send an empty header
    [Theory]
    [InlineData("\"\"", "The Idempotency-Key is empty.")]
    [InlineData("\"unclosed", "The Idempotency-Key must be printable ASCII, bare or as a quoted string (\"…\" with \\\" and \\\\ escapes).")]
    public async Task A_malformed_key_is_400_before_the_body_is_read(string key, string detail)
    {
        var response = await _factory.CreateClient().SendAsync(Upload(key, ValidCsv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(IdempotencyProblems.InvalidKeyType, problem.GetProperty("type").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(0, Published);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400_and_255_is_fine()
    {
        var client = _factory.CreateClient();

        var tooLong = await client.SendAsync(Upload(new string('k', 256), ValidCsv));
        var longest = await client.SendAsync(Upload(new string('k', 255), ValidCsv));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, longest.StatusCode);
    }

    [Fact]
    public async Task The_quoted_and_bare_forms_of_a_key_are_one_key()
    {
        var client = _factory.CreateClient();

        var bare = await client.SendAsync(Upload("8e03978e-40d5-43e8-bc93-6894a57f9324", ValidCsv));
        var quoted = await client.SendAsync(Upload("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", ValidCsv));

        Assert.Equal(await RequestIdOf(bare), await RequestIdOf(quoted));
    }

    [Fact]
    public async Task Uploads_without_a_key_are_each_a_new_request()
    {
        var client = _factory.CreateClient();

        var first = await client.PostAsync("/api/requests", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));
        var second = await client.PostAsync("/api/requests", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.NotEqual(await RequestIdOf(first), await RequestIdOf(second));
        Assert.Equal(2, Published);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_header()
    {
        var document = await _factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var parameter = document.GetProperty("paths").GetProperty("/api/requests").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == IdempotencyKeyHeader.Name);
        Assert.Equal("header", parameter.GetProperty("in").GetString());
        Assert.Equal(255, parameter.GetProperty("schema").GetProperty("maxLength").GetInt32());
    }

    private static HttpRequestMessage Upload(string key, string csv, string? webhookUrl = null)
    {
        var query = webhookUrl is null ? "" : $"?webhookUrl={Uri.EscapeDataString(webhookUrl)}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests" + query) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader.Name, key);
        return request;
    }

    private static async Task<Guid> RequestIdOf(HttpResponseMessage accepted)
    {
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
    }

    public void Dispose() => _factory.Dispose();
}
