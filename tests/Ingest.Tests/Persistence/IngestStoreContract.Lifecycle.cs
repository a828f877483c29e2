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
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);

        var cancelled = await Lifecycle(store).CancelAsync(requestId, CancelAt, LeaseUntil, default);
        var again = await Lifecycle(store).CancelAsync(requestId, CancelAt.AddSeconds(5), LeaseUntil, default);
        var late = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var completed = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Exporting, CancelAt, 1, 2), (cancelled!.Status, cancelled.CancelledAt, cancelled.ImagesSucceeded, cancelled.ImagesCancelled));
        Assert.Equal((RequestStatuses.Exporting, CancelAt), (again!.Status, again.CancelledAt));
        Assert.False(late.Counted);
        Assert.Equal((RequestStatuses.Cancelled, 1, 0), (completed!.Status, completed.ImagesSucceeded, completed.ImagesFailed));
        var images = (await store.GetProductsAsync(requestId, default).ToListAsync()).SelectMany(p => p.Images).ToList();
        Assert.Equal([ImageStatuses.Succeeded, ImageStatuses.Cancelled, ImageStatuses.Cancelled], images.Select(i => i.Status));
        Assert.Equal(CancelledImage.ReasonCode, images[2].Outcome.ReasonCode);
        Assert.Empty(await store.ReleaseImagesAsync(requestId, new DispatchWindow(4, new FixedOriginLimits(4, 4), LeaseUntil), default));
    }

    [SkippableFact]
    public async Task A_cancel_cut_short_after_its_move_still_ends_cancelled_with_nothing_left_pending()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        // the process died after the request's move, before its images were cancelled
        await store.TryMoveAsync(
            new RequestMove(requestId, RequestStatuses.Processing, RequestStatuses.Exporting, CancelAt) { CancelledAt = CancelAt, LeaseUntil = LeaseUntil }, default);
        // a result in between lands on a still-pending image: it is part of what was done
        await store.TryRecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 3, 0)), default);

        var completed = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Cancelled, 2, 0, 1), (completed!.Status, completed.ImagesSucceeded, completed.ImagesFailed, completed.ImagesCancelled));
        Assert.False(await store.HasPendingImagesAsync(requestId, default));
    }

    [SkippableFact]
    public async Task A_retry_cut_short_after_its_move_is_moved_on_with_its_counts_from_the_images()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        var finished = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);
        // the process died after re-opening the request, before re-opening its failed image
        var reopened = await store.TryMoveAsync(
            new RequestMove(requestId, finished!.Status, RequestStatuses.Processing, CancelAt.AddMinutes(1))
            {
                Attempt = 1, NewAttempt = true, RetryKey = "k", Counts = new ResultCounts(1, 0),
            }, default);

        Assert.NotNull(reopened);
        var movedOn = await Lifecycle(store).MoveOnIfDoneAsync(reopened, CancelAt.AddMinutes(2), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Processing, 2, null), (reopened!.Status, reopened.Attempt, reopened.OutputCsvUrl));
        Assert.Equal((RequestStatuses.Exporting, 2, 1, 1), (movedOn.Status, movedOn.Attempt, movedOn.ImagesSucceeded, movedOn.ImagesFailed));
    }

    [SkippableFact]
    public async Task A_new_attempt_keeps_the_completion_fields_its_move_carries_and_clears_the_rest()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        var finished = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);
        var carried = CancelAt.AddMinutes(5);

        // no caller does this today; both backends must agree on it all the same (MongoDB refused it before)
        var reopened = await store.TryMoveAsync(
            new RequestMove(requestId, finished!.Status, RequestStatuses.Processing, CancelAt.AddMinutes(1))
            {
                Attempt = 1, NewAttempt = true, CompletedAt = carried, OutputCsvKey = "exports/b.csv",
            }, default);

        Assert.NotNull(reopened);
        Assert.Equal((2, carried, "exports/b.csv", null), (reopened.Attempt, reopened.CompletedAt, reopened.OutputCsvKey, reopened.OutputCsvUrl));
        var stored = await store.GetRequestAsync(requestId, default);
        Assert.Equal((2, carried, "exports/b.csv", null), (stored!.Attempt, stored.CompletedAt, stored.OutputCsvKey, stored.OutputCsvUrl));
    }

    [SkippableFact]
    public async Task A_move_happens_only_from_where_it_starts()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var toExporting = new RequestMove(requestId, RequestStatuses.Processing, RequestStatuses.Exporting, CancelAt) { Attempt = 1, LeaseUntil = LeaseUntil };

        var wrongAttempt = await store.TryMoveAsync(toExporting with { Attempt = 2 }, default);
        var moved = await store.TryMoveAsync(toExporting, default);
        var again = await store.TryMoveAsync(toExporting, default);
        var unknown = await store.TryMoveAsync(toExporting with { RequestId = Guid.NewGuid() }, default);

        Assert.Null(wrongAttempt);
        Assert.Equal((RequestStatuses.Exporting, CancelAt), (moved!.Status, moved.UpdatedAt));
        Assert.Null(again);
        Assert.Null(unknown);
    }

    [SkippableFact]
    public async Task Cancel_leaves_a_finished_request_as_it_was()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        var request = await Lifecycle(store).CancelAsync(requestId, CancelAt.AddMinutes(1), LeaseUntil, default);

        Assert.Equal((RequestStatuses.Completed, null), (request!.Status, request.CancelledAt));
        Assert.Null(await Lifecycle(store).CancelAsync(Guid.NewGuid(), CancelAt, LeaseUntil, default));
    }

    [SkippableFact]
    public async Task Retry_reopens_only_the_failed_images_of_the_reasons_asked_in_a_new_attempt_once_per_key()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 0)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 4, 0)) with { Outcome = new ImageOutcome { ReasonCode = "timeout", Reason = "Timed out", WorkerId = "worker-a" } }, LeaseUntil, default);
        await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        var retried = await Lifecycle(store).RetryFailedAsync(requestId, ["timeout"], "key-1", CancelAt.AddMinutes(1), default);
        var repeated = await Lifecycle(store).RetryFailedAsync(requestId, ["timeout"], "key-1", CancelAt.AddMinutes(2), default);
        var stale = await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(3), LeaseUntil, default);

        Assert.Equal(1, retried.Reopened);
        Assert.Equal((RequestStatuses.Processing, 2, 1, 1), (retried.Request!.Status, retried.Request.Attempt, retried.Request.ImagesSucceeded, retried.Request.ImagesFailed));
        Assert.Null(retried.Request.OutputCsvUrl);
        Assert.Equal((0, 2), (repeated.Reopened, repeated.Request!.Attempt));
        Assert.Equal(RequestStatuses.Processing, stale!.Status);
        var pending = await store.GetPendingImagesAsync(requestId, default).ToListAsync();
        Assert.Equal([4], pending.Select(i => i.RowNumber));
        Assert.Null(pending[0].Outcome.ReasonCode);

        var last = await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 4, 0)), LeaseUntil, default);
        var done = await Lifecycle(store).CompleteAsync(requestId, 2, "exports/a.csv", "http://gateway.test/a.csv", CancelAt.AddMinutes(4), LeaseUntil, default);
        Assert.Equal(RequestStatuses.Exporting, last.Request!.Status);
        Assert.Equal((RequestStatuses.CompletedWithErrors, 2, 2, 1), (done!.Status, done.Attempt, done.ImagesSucceeded, done.ImagesFailed));
    }

    [SkippableFact]
    public async Task Retry_reopens_nothing_while_running_or_without_failures()
    {
        var store = await CreateStoreAsync();
        var running = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var clean = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(clean, ImageIds.For(clean, 2, 0)), LeaseUntil, default);
        await Lifecycle(store).CompleteAsync(clean, 1, "exports/a.csv", "http://gateway.test/a.csv", CancelAt, LeaseUntil, default);

        Assert.Equal((0, RequestStatuses.Processing), await Outcome(running));
        Assert.Equal((0, RequestStatuses.Completed), await Outcome(clean));
        Assert.Null((await Lifecycle(store).RetryFailedAsync(Guid.NewGuid(), null, null, CancelAt, default)).Request);

        async Task<(int, string)> Outcome(Guid id) => (await Lifecycle(store).RetryFailedAsync(id, null, null, CancelAt, default)) is var o ? (o.Reopened, o.Request!.Status) : default;
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
