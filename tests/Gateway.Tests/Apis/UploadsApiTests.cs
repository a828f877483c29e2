using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

public sealed class UploadsApiTests : IDisposable
{
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,SKU2,https://img.example/c.png\r\n";

    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task Multipart_upload_is_accepted_stored_and_handed_on()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ValidCsv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent("https://hooks.example/done"), "webhookUrl" },
        };

        var response = await client.PostAsync("/api/requests", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = body.GetProperty("requestId").GetGuid();
        Assert.Equal($"/api/requests/{requestId}", response.Headers.Location?.OriginalString);
        Assert.Equal($"http://gateway.test/api/requests/{requestId}", body.GetProperty("statusUrl").GetString());
        Assert.Equal((2, 3), (body.GetProperty("productCount").GetInt32(), body.GetProperty("imageCount").GetInt32()));

        var published = harness.Published.Select<RequestSubmitted>().Single().Context.Message;
        Assert.Equal(requestId, published.RequestId);
        Assert.Equal("https://hooks.example/done", published.WebhookUrl);
        Assert.Equal(ValidCsv, await File.ReadAllTextAsync(Path.Combine(_factory.FilesDirectory, published.CsvFileKey)));
    }

    [Fact]
    public async Task Csv_body_with_webhook_in_query_is_accepted()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();

        var response = await client.PostAsync("/api/requests?webhookUrl=https%3A%2F%2Fhooks.example%2Fx", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("https://hooks.example/x", harness.Published.Select<RequestSubmitted>().Single().Context.Message.WebhookUrl);
    }

    [Fact]
    public async Task Invalid_csv_gets_problem_details_listing_every_error_and_nothing_is_published()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();
        const string csv = "S. No.,Product Name,Input Image Urls\n0,SKU1,https://img.example/a.jpg\n2,,ftp://img.example/b.jpg\n";

        var response = await client.PostAsync("/api/requests", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, problem.GetProperty("errorCount").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToArray();
        Assert.Equal([(2, "S. No."), (3, "Product Name"), (3, "Input Image Urls")], errors);
        Assert.False(harness.Published.Select<RequestSubmitted>().Any());
    }

    [Fact]
    public async Task Csv_with_millions_of_bad_urls_lists_the_first_errors_and_counts_only_what_was_checked()
    {
        // the upload scaled down: 20 products, each one quoted cell of 5,000 bare "URLs"
        _factory.Settings["Uploads:MaxListedErrors"] = "50";
        var client = _factory.CreateClient();
        var cell = string.Join(',', Enumerable.Repeat("a", 5_000));
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\n");
        for (var i = 1; i <= 20; i++)
        {
            csv.Append(i).Append(",SKU").Append(i).Append(",\"").Append(cell).Append("\"\n");
        }

        var response = await client.PostAsync("/api/requests", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // per product: the count error and the first Csv:MaxUrlsPerProduct (20) URLs; today it was 20 × 5,001
        Assert.Equal(20 * 21, problem.GetProperty("errorCount").GetInt32());
        Assert.Equal(50, problem.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Invalid_webhook_url_is_listed_with_the_csv_errors()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/requests?webhookUrl=not-a-url", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("webhookUrl", problem.GetProperty("errors")[0].GetProperty("column").GetString());
    }

    [Fact]
    public async Task Empty_body_is_a_clear_400()
    {
        var response = await _factory.CreateClient().PostAsync("/api/requests", new StringContent("", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("empty", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_that_is_not_csv_is_415()
    {
        var response = await _factory.CreateClient().PostAsync("/api/requests", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Csv_over_the_size_limit_is_413()
    {
        _factory.Settings["Csv:MaxBytes"] = "100";
        var csv = ValidCsv + string.Concat(Enumerable.Range(3, 10).Select(i => $"{i},SKU{i},https://img.example/{i}.jpg\r\n"));

        var response = await _factory.CreateClient().PostAsync("/api/requests", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/files/../../etc/passwd")]
    [InlineData("/files/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/files/uploads/.hidden")]
    [InlineData("/files/uploads/missing.csv")]
    public async Task Files_outside_the_store_or_missing_are_404(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        Assert.True(HttpStatusCode.NotFound == response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Uploads_past_the_burst_are_429_with_retry_after()
    {
        _factory.Settings["Uploads:RateLimit:Burst"] = "2";
        _factory.Settings["Uploads:RateLimit:PerMinute"] = "1";
        var client = _factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsync("/api/requests", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => _factory.Dispose();
}
