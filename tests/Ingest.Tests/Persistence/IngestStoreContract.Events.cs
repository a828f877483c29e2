using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The contract of a request's webhook events: the choice kept, the sequence, the progress claim.</summary>
public abstract partial class IngestStoreContract
{
    private const string ProgressAndImages = "request.progress,image.processed,image.failed";

    [SkippableFact]
    public async Task Progress_is_claimed_once_per_interval_and_only_when_the_counts_moved()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateWithEventsAsync(store, ProgressAndImages, rows: 3);
        var t0 = ResultAt;

        var nothingDone = await store.ClaimProgressAsync(requestId, t0, t0.AddSeconds(-10), default);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        var first = await store.ClaimProgressAsync(requestId, t0, t0.AddSeconds(-10), default);
        var racing = await store.ClaimProgressAsync(requestId, t0, t0.AddSeconds(-10), default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var tooSoon = await store.ClaimProgressAsync(requestId, t0.AddSeconds(5), t0.AddSeconds(-5), default);
        var second = await store.ClaimProgressAsync(requestId, t0.AddSeconds(10), t0, default);
        var unchanged = await store.ClaimProgressAsync(requestId, t0.AddSeconds(30), t0.AddSeconds(20), default);

        Assert.Null(nothingDone);
        Assert.Equal((1, 0, 1L), (first!.ImagesSucceeded, first.ImagesFailed, first.EventSequence));
        Assert.Null(racing);
        Assert.Null(tooSoon);
        Assert.Equal((1, 1, 2L), (second!.ImagesSucceeded, second.ImagesFailed, second.EventSequence));
        Assert.Null(unchanged);
    }

    [SkippableFact]
    public async Task Progress_is_never_claimed_for_a_request_that_did_not_ask_or_that_left_processing()
    {
        var store = await CreateStoreAsync();
        var silent = await CreateWithEventsAsync(store, "image.processed", rows: 2);
        var finishing = await CreateWithEventsAsync(store, ProgressAndImages, rows: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(silent, ImageIds.For(silent, 2, 0)), LeaseUntil, default);
        var exporting = await Lifecycle(store).RecordResultAsync(Succeeded(finishing, ImageIds.For(finishing, 2, 0)), LeaseUntil, default);

        Assert.Null(await store.ClaimProgressAsync(silent, ResultAt, ResultAt, default));
        Assert.Equal(RequestStatuses.Exporting, exporting.Request!.Status);
        Assert.Null(await store.ClaimProgressAsync(finishing, ResultAt, ResultAt, default));
        Assert.Null(await store.ClaimProgressAsync(Guid.NewGuid(), ResultAt, ResultAt, default));
    }

    [SkippableFact]
    public async Task Every_event_takes_the_next_sequence_and_the_completion_one_after_them()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateWithEventsAsync(store, ProgressAndImages, rows: 1);
        var created = await store.GetRequestAsync(requestId, default);

        var first = await store.NextEventSequenceAsync(requestId, default);
        var second = await store.NextEventSequenceAsync(requestId, default);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        var completed = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", ResultAt, LeaseUntil, default);
        var again = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", ResultAt, LeaseUntil, default);

        Assert.Equal((ProgressAndImages, 0L), (created!.WebhookEvents, created.EventSequence));
        Assert.Equal((1L, 2L), (first, second));
        Assert.Equal(3L, completed!.EventSequence);
        Assert.Equal(3L, again!.EventSequence);
        Assert.Null(await store.NextEventSequenceAsync(Guid.NewGuid(), default));
    }

    [SkippableFact]
    public async Task A_request_failed_at_creation_has_its_completion_as_its_first_event()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        await store.CreateRequestAsync(NewRequest(requestId), AsyncEnumerable.Empty<NewProduct>(), () => "file missing", default);

        var request = await store.GetRequestAsync(requestId, default);

        Assert.Equal((RequestStatuses.Failed, 1L, null), (request!.Status, request.EventSequence, request.WebhookEvents));
    }

    [SkippableFact]
    public async Task One_image_reads_back_with_its_result()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 2);
        var imageId = ImageIds.For(requestId, 3, 1);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, imageId), LeaseUntil, default);

        var image = await store.GetImageAsync(requestId, imageId, default);

        Assert.Equal(
            (3, 1, "https://img.example/3/1.jpg", ImageStatuses.Failed, "http_404"),
            (image!.RowNumber, image.Position, image.SourceUrl, image.Status, image.Outcome.ReasonCode));
        Assert.Null(await store.GetImageAsync(Guid.NewGuid(), imageId, default));
    }

    private static async Task<Guid> CreateWithEventsAsync(IIngestStore store, string webhookEvents, int rows)
    {
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(
            NewRequest(requestId) with { WebhookEvents = webhookEvents }, Products(requestId, rows, imagesPerRow: 1), NoFailure, default));
        return requestId;
    }
}
