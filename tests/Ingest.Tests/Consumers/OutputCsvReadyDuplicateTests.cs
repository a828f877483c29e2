using ImagePipeline.Contracts;
using ImagePipeline.TestSupport.Concurrency;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// OutputCsvReady delivered twice at once. (Twice in a row is
/// <see cref="IngestFlowTests.Last_result_asks_for_export_and_output_csv_completes_the_request_once"/>.)
/// </summary>
public sealed class OutputCsvReadyDuplicateTests
{
    private const string Csv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,SKU2,https://img.example/c.png\r\n";
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_copies_at_once_complete_the_request_once()
    {
        await using var ingest = await IngestHarness.StartAsync(store => new GatedIngestStore(store));
        var gate = (GatedIngestStore)ingest.Store;
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        foreach (var image in await ingest.PublishedAsync<ProcessImage>(3))
        {
            await ingest.PublishAndConsumeAsync(ImageResults.Processed(image));
        }
        var race = new Rendezvous(2, RaceTimeout);
        gate.BeforeComplete = race;
        var ready = ImageResults.Ready(submitted.RequestId);

        await ingest.PublishTwiceAtOnceAsync(ready);

        Assert.True(race.Met, "the two copies were never inside the consumer at the same time");
        var request = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal((RequestStatuses.Completed, ready.FileKey, ready.OutputCsvUrl), (request!.Status, request.OutputCsvKey, request.OutputCsvUrl));
        Assert.NotNull(request.CompletedAt);
        Assert.Equal(request.CompletedAt, request.UpdatedAt);
        // both copies tell Notifier (by design: a crash between completing and publishing loses nothing), and both tell
        // it the same event with the one completion time recorded, so Notifier's event ID makes it one webhook
        var completed = await ingest.PublishedAsync<RequestCompleted>(2);
        Assert.Equal(2, completed.Length);
        Assert.Equal(completed[0], completed[1]);
        Assert.Equal(request.CompletedAt, completed[0].CompletedAt);
        Assert.Equal((3, 3, 0), (completed[0].ImagesTotal, completed[0].ImagesSucceeded, completed[0].ImagesFailed));
    }
}
