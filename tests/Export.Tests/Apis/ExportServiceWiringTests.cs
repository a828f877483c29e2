using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.TestSupport.Messaging;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace ImagePipeline.Export.Tests.Apis;

/// <summary>How the service's real registrations behave together, beyond what the consumer alone shows.</summary>
public sealed class ExportServiceWiringTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private IngestStandIn _ingest = null!;

    public async Task InitializeAsync() => _ingest = await IngestStandIn.StartAsync();

    [Fact]
    public async Task A_row_stream_that_outlasts_the_http_timeouts_still_exports()
    {
        // the resilience timeouts guard the wait for Ingest's headers; the stream itself is bounded by Export:RowsReadTimeout
        await using var factory = new ExportServiceFactory(_ingest, _directory, services =>
            services.ConfigureAll<HttpStandardResilienceOptions>(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(3);
            }));
        // 15 rows × 300 ms = 4.5 s of streaming, well past both timeouts, yet generous for a loaded machine's first byte
        _ingest.RowDelay = TimeSpan.FromMilliseconds(300);
        var rows = Enumerable.Range(1, 15)
            .Select(i => new OutputRow(i, $"Product {i}", [$"https://img.test/{i}.jpg"], [$"http://gateway.test/files/images/{i}.jpg"]))
            .ToArray();
        var requestId = _ingest.AddRequest(rows);
        using var client = factory.CreateClient();
        var harness = factory.Services.GetRequiredService<ITestHarness>();

        await harness.Bus.Publish(new ExportRequested(requestId));

        var ready = Assert.Single(await harness.WaitForPublishedAsync<OutputCsvReady>(1, m => m.RequestId == requestId));
        Assert.Equal(15, ready.RowCount);
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _ingest.DisposeAsync();
        }
        finally
        {
            _directory.Dispose();
        }
    }
}
