using System.Net;
using System.Net.Http.Json;
using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.TestSupport.Messaging;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace ImagePipeline.Export.Tests.Apis;

public sealed class ExportsApiTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private IngestStandIn _ingest = null!;
    private ExportServiceFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _ingest = await IngestStandIn.StartAsync();
        _factory = new ExportServiceFactory(_ingest, _directory);
    }

    [Fact]
    public async Task An_unknown_request_is_not_found()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync($"/api/requests/{Guid.NewGuid()}/output.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_without_an_export_is_a_conflict_until_the_csv_exists()
    {
        var requestId = _ingest.AddRequest(
            new OutputRow(1, "Desk lamp", ["https://img.test/1.jpg", "https://img.test/2.jpg"], [null, "http://gateway.test/files/images/2.jpg"]),
            new OutputRow(2, "Стул", ["https://img.test/3.jpg"], ["http://gateway.test/files/images/3.jpg"]));
        using var client = _factory.CreateClient();

        using var before = await client.GetAsync($"/api/requests/{requestId}/output.csv");
        Assert.Equal(HttpStatusCode.Conflict, before.StatusCode);
        var problem = await before.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The output CSV is not ready yet", problem?.Title);
        Assert.Equal(409, problem?.Status);

        var harness = _factory.Services.GetRequiredService<ITestHarness>();
        await harness.Bus.Publish(new ExportRequested(requestId));
        Assert.Single(await harness.WaitForPublishedAsync<OutputCsvReady>(1, m => m.RequestId == requestId));

        using var after = await client.GetAsync($"/api/requests/{requestId}/output.csv");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("text/csv", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", after.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"output-{requestId}.csv", after.Content.Headers.ContentDisposition?.FileName);
        var expected =
            "S. No.,Product Name,Input Image Urls,Output Image Urls\r\n"
            + "1,Desk lamp,\"https://img.test/1.jpg,https://img.test/2.jpg\",\",http://gateway.test/files/images/2.jpg\"\r\n"
            + "2,Стул,https://img.test/3.jpg,http://gateway.test/files/images/3.jpg\r\n";
        Assert.Equal(expected, await after.Content.ReadAsStringAsync());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(expected), after.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_unreachable_ingest_is_service_unavailable()
    {
        await using var factory = new ExportServiceFactory(_ingest, _directory, services =>
            services.ConfigureAll<HttpStandardResilienceOptions>(options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            }));
        using var client = factory.CreateClient();
        await _ingest.DisposeAsync();

        using var response = await client.GetAsync($"/api/requests/{Guid.NewGuid()}/output.csv");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_download()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/requests/{id}/output.csv", document);
        Assert.Contains("\"operationId\": \"GetOutputCsv\"", document);
        Assert.Contains("text/csv", document);
        Assert.Contains("\"409\"", document);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var client = _factory.CreateClient();

        using var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _factory.DisposeAsync();
            await _ingest.DisposeAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
