using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The contract of cancelling a request, re-opening its failed images and paging its products, on every backend.</summary>
public abstract partial class IngestStoreContract
{
    private static readonly DateTimeOffset CancelAt = ResultAt.AddMinutes(1);

    [SkippableFact]
    public async Task Cancel_keeps_what_was_done_and_ends_the_rest_so_a_late_result_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);
        await store.RecordImageResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);

        var cancelled = await store.CancelAsync(requestId, CancelAt, LeaseUntil, default);
        var again = await store.CancelAsync(requestId, CancelAt.AddSeconds(5), LeaseUntil, default);
        var late = await store.RecordImageResultAsync(Succeeded(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var completed = await store.CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Exporting, CancelAt, 1, 2), (cancelled!.Status, cancelled.CancelledAt, cancelled.ImagesSucceeded, cancelled.ImagesCancelled));
        Assert.Equal((RequestStatuses.Exporting, CancelAt), (again!.Status, again.CancelledAt));
        Assert.False(late.Counted);
        Assert.Equal((RequestStatuses.Cancelled, 1, 0), (completed!.Status, completed.ImagesSucceeded, completed.ImagesFailed));
        var images = (await store.GetProductsAsync(requestId, default).ToListAsync()).SelectMany(p => p.Images).ToList();
        Assert.Equal([ImageStatuses.Succeeded, ImageStatuses.Cancelled, ImageStatuses.Cancelled], images.Select(i => i.Status));
        Assert.Equal(CancelledImage.ReasonCode, images[2].ReasonCode);
        Assert.Empty(await store.ReleaseImagesAsync(requestId, new DispatchWindow(4, 4, LeaseUntil), default));
    }

    [SkippableFact]
    public async Task Cancel_leaves_a_finished_request_as_it_was()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await store.RecordImageResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        await store.CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        var request = await store.CancelAsync(requestId, CancelAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Completed, null), (request!.Status, request.CancelledAt));
        Assert.Null(await store.CancelAsync(Guid.NewGuid(), CancelAt, LeaseUntil, default));
    }

    [SkippableFact]
    public async Task Retry_reopens_only_the_failed_images_of_the_reasons_asked_in_a_new_attempt_once_per_key()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);
        await store.RecordImageResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        await store.RecordImageResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        await store.RecordImageResultAsync(Failed(requestId, ImageIds.For(requestId, 4, 0)) with { ReasonCode = "timeout" }, LeaseUntil, default);
        await store.CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        var retried = await store.RetryFailedAsync(requestId, ["timeout"], "key-1", CancelAt.AddMinutes(1), default);
        var repeated = await store.RetryFailedAsync(requestId, ["timeout"], "key-1", CancelAt.AddMinutes(2), default);
        var stale = await store.CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(3), LeaseUntil, default);

        Assert.Equal(1, retried.Reopened);
        Assert.Equal((RequestStatuses.Processing, 2, 1, 1), (retried.Request!.Status, retried.Request.Attempt, retried.Request.ImagesSucceeded, retried.Request.ImagesFailed));
        Assert.Null(retried.Request.OutputCsvUrl);
        Assert.Equal((0, 2), (repeated.Reopened, repeated.Request!.Attempt));
        Assert.Equal(RequestStatuses.Processing, stale!.Status);
        var pending = await store.GetPendingImagesAsync(requestId, default).ToListAsync();
        Assert.Equal([4], pending.Select(i => i.RowNumber));
        Assert.Null(pending[0].ReasonCode);

        var last = await store.RecordImageResultAsync(Succeeded(requestId, ImageIds.For(requestId, 4, 0)), LeaseUntil, default);
        var done = await store.CompleteAsync(requestId, 2, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(4), LeaseUntil, default);
        Assert.Equal(RequestStatuses.Exporting, last.Request!.Status);
        Assert.Equal((RequestStatuses.CompletedWithErrors, 2, 2, 1), (done!.Status, done.Attempt, done.ImagesSucceeded, done.ImagesFailed));
    }

    [SkippableFact]
    public async Task Retry_reopens_nothing_while_running_or_without_failures()
    {
        var store = await CreateStoreAsync();
        var running = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var clean = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await store.RecordImageResultAsync(Succeeded(clean, ImageIds.For(clean, 2, 0)), LeaseUntil, default);
        await store.CompleteAsync(clean, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        Assert.Equal((0, RequestStatuses.Processing), await Outcome(running));
        Assert.Equal((0, RequestStatuses.Completed), await Outcome(clean));
        Assert.Null((await store.RetryFailedAsync(Guid.NewGuid(), null, null, CancelAt, default)).Request);

        async Task<(int, string)> Outcome(Guid id) => (await store.RetryFailedAsync(id, null, null, CancelAt, default)) is var o ? (o.Reopened, o.Request!.Status) : default;
    }

    [SkippableFact]
    public async Task Products_page_from_the_row_after_the_last_one_read()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 5, imagesPerRow: 2);

        var page = await store.GetProductsAsync(requestId, afterRow: 3, default).Take(2).ToListAsync();

        Assert.Equal([4, 5], page.Select(p => p.RowNumber));
        Assert.All(page, p => Assert.Equal(2, p.Images.Count));
        Assert.Equal([6], (await store.GetProductsAsync(requestId, afterRow: 5, default).ToListAsync()).Select(p => p.RowNumber));
    }
}
