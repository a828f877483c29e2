using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Messaging;
using MassTransit;

namespace ImagePipeline.Export.Tests.Consumers;

public sealed class ExportRequestedConsumerTests
{
    private static readonly OutputRow[] TwoProducts =
    [
        new(1, "Red Shoe", ["https://img.test/a.jpg", "https://img.test/b.jpg"], ["http://gateway.test/files/images/a.jpg", null]),
        new(2, "Chair, oak", ["https://img.test/c.jpg"], ["http://gateway.test/files/images/c.jpg"]),
    ];

    private const string TwoProductsCsv =
        "S. No.,Product Name,Input Image Urls,Output Image Urls\r\n"
        + "1,Red Shoe,\"https://img.test/a.jpg,https://img.test/b.jpg\",\"http://gateway.test/files/images/a.jpg,\"\r\n"
        + "2,\"Chair, oak\",https://img.test/c.jpg,http://gateway.test/files/images/c.jpg\r\n";

    [Fact]
    public async Task Stores_the_csv_records_the_export_and_publishes_output_csv_ready()
    {
        await using var host = await ConsumerTestHost.StartAsync();
        var requestId = host.Ingest.AddRequest(TwoProducts);

        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        var ready = await host.Harness.WaitForPublishedAsync<OutputCsvReady>(1, m => m.RequestId == requestId);
        var key = FileKey.ForExport(requestId);
        Assert.Equal([new OutputCsvReady(requestId, key, $"http://gateway.test/api/requests/{requestId}/output.csv", 2)], ready);
        Assert.Equal(TwoProductsCsv, await host.ReadFileAsync(key));
        Assert.Equal(new ExportRecord(requestId, key, 2, ConsumerTestHost.Now), await host.Store.FindAsync(requestId, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"export-{requestId:N}-*"));
    }

    [Fact]
    public async Task A_redelivered_request_keeps_one_export_and_announces_the_same_key()
    {
        await using var host = await ConsumerTestHost.StartAsync();
        var requestId = host.Ingest.AddRequest(TwoProducts);

        await host.Harness.Bus.Publish(new ExportRequested(requestId));
        Assert.Single(await host.Harness.WaitForPublishedAsync<OutputCsvReady>(1, m => m.RequestId == requestId));
        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        var announcements = await host.Harness.WaitForPublishedAsync<OutputCsvReady>(2, m => m.RequestId == requestId);
        Assert.Equal(2, announcements.Count);
        Assert.Equal(announcements[0], announcements[1]);
        Assert.Equal(FileKey.ForExport(requestId), announcements[1].FileKey);
        Assert.Equal(1, host.Ingest.RowRequests);
        Assert.Equal(TwoProductsCsv, await host.ReadFileAsync(FileKey.ForExport(requestId)));
        Assert.Empty(await host.Harness.PublishedSoFarAsync<Fault<ExportRequested>>(_ => true));
    }

    [Fact]
    public async Task A_failing_ingest_fails_the_message_and_records_nothing()
    {
        await using var host = await ConsumerTestHost.StartAsync();
        var requestId = host.Ingest.AddRequest(TwoProducts);
        host.Ingest.RowsFailureStatus = 500;

        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        Assert.Single(await host.Harness.WaitForPublishedAsync<Fault<ExportRequested>>(1, m => m.Message.RequestId == requestId));
        Assert.Null(await host.Store.FindAsync(requestId, CancellationToken.None));
        Assert.Null(await host.ReadFileAsync(FileKey.ForExport(requestId)));
        Assert.Empty(await host.Harness.PublishedSoFarAsync<OutputCsvReady>(_ => true));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"export-{requestId:N}-*"));
    }

    [Fact]
    public async Task A_stream_slower_than_the_rows_read_timeout_fails_with_a_timeout()
    {
        await using var host = await ConsumerTestHost.StartAsync(rowsReadTimeout: TimeSpan.FromMilliseconds(300));
        host.Ingest.RowDelay = TimeSpan.FromMilliseconds(200);
        var requestId = host.Ingest.AddRequest([.. TwoProducts, .. TwoProducts]);

        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        var fault = Assert.Single(await host.Harness.WaitForPublishedAsync<Fault<ExportRequested>>(1, m => m.Message.RequestId == requestId));
        var exception = Assert.Single(fault.Exceptions);
        Assert.Equal(typeof(TimeoutException).FullName, exception.ExceptionType);
        Assert.Contains("Export:RowsReadTimeout", exception.Message);
        Assert.Null(await host.Store.FindAsync(requestId, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), $"export-{requestId:N}-*"));
    }

    [Fact]
    public async Task An_unknown_request_fails_the_message()
    {
        await using var host = await ConsumerTestHost.StartAsync();
        var requestId = Guid.NewGuid();

        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        Assert.Single(await host.Harness.WaitForPublishedAsync<Fault<ExportRequested>>(1, m => m.Message.RequestId == requestId));
        Assert.Null(await host.Store.FindAsync(requestId, CancellationToken.None));
        Assert.Equal(1, host.Ingest.RowRequests);
    }

    [Fact]
    public async Task Exports_a_large_request_row_for_row()
    {
        await using var host = await ConsumerTestHost.StartAsync();
        const int products = 20_000;
        var rows = Enumerable.Range(1, products)
            .Select(i => new OutputRow(i, $"Product {i}", [$"https://img.test/{i}.jpg"], [i % 10 == 0 ? null : $"http://gateway.test/files/images/{i}.jpg"]))
            .ToArray();
        var requestId = host.Ingest.AddRequest(rows);

        await host.Harness.Bus.Publish(new ExportRequested(requestId));

        var ready = Assert.Single(await host.Harness.WaitForPublishedAsync<OutputCsvReady>(1, m => m.RequestId == requestId));
        Assert.Equal(products, ready.RowCount);
        var lines = (await host.ReadFileAsync(FileKey.ForExport(requestId)))!.Split("\r\n");
        Assert.Equal(products + 2, lines.Length); // header, rows, and the empty text after the last CRLF
        Assert.Equal("1,Product 1,https://img.test/1.jpg,http://gateway.test/files/images/1.jpg", lines[1]);
        Assert.Equal($"{products},Product {products},https://img.test/{products}.jpg,", lines[products]);
    }
}
