using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;
using ImagePipeline.TestSupport.Concurrency;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>
/// RequestSubmitted delivered twice at once, and again after the request finished. (Twice in a row while it runs is
/// <see cref="IngestFlowTests.Redelivered_submission_records_nothing_twice_and_resends_only_pending_images"/>.)
/// </summary>
public sealed class RequestSubmittedDuplicateTests
{
    private const string Csv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,\"https://img.example/a.jpg,https://img.example/b.jpg\"\r\n2,\"Chair, oak\",https://img.example/c.png\r\n";
    private static readonly TimeSpan RaceTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_copies_at_once_record_the_request_its_products_and_its_images_once()
    {
        await using var ingest = await IngestHarness.StartAsync(store => new GatedIngestStore(store));
        var gate = (GatedIngestStore)ingest.Store;
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        // both copies look the request up before either records it: the check-then-insert race
        var race = new Rendezvous(2, RaceTimeout);
        gate.BeforeGetRequest = race;

        await ingest.PublishTwiceAtOnceAsync(submitted);

        Assert.True(race.Met, "the two copies were never inside the consumer at the same time");
        var id = submitted.RequestId;
        Assert.Equal(1, await ingest.ScalarAsync("SELECT COUNT(*) FROM requests WHERE id = $id", id));
        Assert.Equal(2, await ingest.ScalarAsync("SELECT COUNT(*) FROM products WHERE request_id = $id", id));
        Assert.Equal(3, await ingest.ScalarAsync("SELECT COUNT(*) FROM images WHERE request_id = $id", id));
        Assert.Equal(3, await ingest.ScalarAsync("SELECT COUNT(*) FROM images WHERE request_id = $id AND status = 'Pending'", id));
        var request = await ingest.Store.GetRequestAsync(id, default);
        Assert.Equal((RequestStatuses.Processing, 2, 3, 0, 0), (request!.Status, request.ProductCount, request.ImagesTotal, request.ImagesSucceeded, request.ImagesFailed));

        // each copy asks for the images it found pending (by design; results are counted once), never for anything else
        // CSV row numbers count the header as row 1
        Guid[] expected = [ImageIds.For(id, 2, 0), ImageIds.For(id, 2, 1), ImageIds.For(id, 3, 0)];
        var asked = (await ingest.PublishedAsync<ProcessImage>(expected.Length)).GroupBy(p => p.ImageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.Order(), asked.Keys.Order());
        Assert.All(asked.Values, count => Assert.InRange(count, 1, 2));
    }

    [Fact]
    public async Task Two_copies_at_once_of_a_submission_whose_file_is_missing_fail_the_request_once()
    {
        await using var ingest = await IngestHarness.StartAsync(store => new GatedIngestStore(store));
        var gate = (GatedIngestStore)ingest.Store;
        var requestId = Guid.NewGuid();
        var submitted = new RequestSubmitted
        {
            RequestId = requestId,
            CsvFileKey = FileKey.ForUpload(requestId),
            WebhookUrl = "https://hooks.example/done",
            ProductCount = 1,
            ImageCount = 1,
            SubmittedAt = DateTimeOffset.UtcNow,
        };
        var race = new Rendezvous(2, RaceTimeout);
        gate.BeforeGetRequest = race;

        await ingest.PublishTwiceAtOnceAsync(submitted);

        Assert.True(race.Met, "the two copies were never inside the consumer at the same time");
        Assert.Equal(1, await ingest.ScalarAsync("SELECT COUNT(*) FROM requests WHERE id = $id", requestId));
        var request = await ingest.Store.GetRequestAsync(requestId, default);
        Assert.Equal(RequestStatuses.Failed, request!.Status);
        Assert.NotNull(request.CompletedAt);
        // both copies announce the failure, with the one failure time that was recorded: the second Fail changed nothing
        var completed = await ingest.PublishedAsync<RequestCompleted>(2);
        Assert.Equal(2, completed.Length);
        Assert.All(completed, c => Assert.Equal((RequestStatuses.Failed, request.CompletedAt.Value), (c.Status, c.CompletedAt)));
        Assert.Empty(ingest.Published<ProcessImage>());
    }

    [Fact]
    public async Task A_copy_arriving_after_the_request_completed_changes_nothing_and_only_repeats_the_completion()
    {
        await using var ingest = await IngestHarness.StartAsync();
        var submitted = await ingest.UploadAsync(Csv, products: 2, images: 3);
        await ingest.PublishAndConsumeAsync(submitted);
        foreach (var image in await ingest.PublishedAsync<ProcessImage>(3))
        {
            await ingest.PublishAndConsumeAsync(ImageResults.Processed(image));
        }
        var ready = ImageResults.Ready(submitted.RequestId);
        await ingest.PublishAndConsumeAsync(ready);
        var completed = await ingest.Store.GetRequestAsync(submitted.RequestId, default);
        Assert.Equal(RequestStatuses.Completed, completed!.Status);

        await ingest.PublishAndConsumeAsync(submitted with { });

        Assert.Equal(completed, await ingest.Store.GetRequestAsync(submitted.RequestId, default));
        Assert.Equal(3, await ingest.ScalarAsync("SELECT COUNT(*) FROM images WHERE request_id = $id AND status = 'Succeeded'", submitted.RequestId));
        Assert.Equal(3, ingest.Published<ProcessImage>().Length);
        var announcements = await ingest.PublishedAsync<RequestCompleted>(2);
        Assert.Equal(2, announcements.Length);
        Assert.Equal(announcements[0], announcements[1]);
        Assert.Equal(completed.CompletedAt, announcements[1].CompletedAt);
    }
}
