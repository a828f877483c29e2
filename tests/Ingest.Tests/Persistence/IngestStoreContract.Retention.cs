using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The contract of retention: which finished requests are past their time, and deleting one request's rows.</summary>
public abstract partial class IngestStoreContract
{
    private static readonly DateTimeOffset FinishedAt = ResultAt.AddMinutes(1);

    [SkippableFact]
    public async Task Expired_requests_are_the_finished_ones_completed_before_the_cutoff_oldest_first()
    {
        var store = await CreateStoreAsync();
        var older = await CreateCompletedAsync(store, FinishedAt);
        var newer = await CreateCompletedAsync(store, FinishedAt.AddMinutes(10));
        var cancelled = await CreateCompletedAsync(store, FinishedAt.AddMinutes(5), cancel: true);
        var processing = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var exporting = await CreateExportingAsync(store, failOne: false);
        HashSet<Guid> ours = [older, newer, cancelled, processing, exporting];

        var beforeNewer = await store.GetExpiredRequestsAsync(FinishedAt.AddMinutes(6), 100, default);
        var all = await store.GetExpiredRequestsAsync(FinishedAt.AddDays(1), 100, default);
        var first = await store.GetExpiredRequestsAsync(FinishedAt.AddDays(1), 1, default);
        var none = await store.GetExpiredRequestsAsync(FinishedAt, 100, default);

        Assert.Equal([older, cancelled], beforeNewer.Where(ours.Contains));
        Assert.Equal([older, cancelled, newer], all.Where(ours.Contains));
        Assert.Equal([older], first);
        Assert.DoesNotContain(none, ours.Contains);
    }

    [SkippableFact]
    public async Task A_retried_request_is_not_expired_until_it_finishes_again()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateCompletedAsync(store, FinishedAt, failOne: true);

        var retry = await Lifecycle(store).RetryFailedAsync(requestId, null, null, FinishedAt.AddMinutes(1), default);

        Assert.Equal(1, retry.Reopened);
        Assert.DoesNotContain(requestId, await store.GetExpiredRequestsAsync(FinishedAt.AddDays(1), 100, default));
        Assert.False(await store.DeleteRequestAsync(requestId, default));
        Assert.NotNull(await store.GetRequestAsync(requestId, default));
    }

    [SkippableFact]
    public async Task Deleting_a_finished_request_removes_it_with_its_products_and_images_once()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateCompletedAsync(store, FinishedAt);
        var other = await CreateCompletedAsync(store, FinishedAt);

        var deleted = await store.DeleteRequestAsync(requestId, default);
        var again = await store.DeleteRequestAsync(requestId, default);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetRequestAsync(requestId, default));
        Assert.Empty(await store.GetProductsAsync(requestId, default).ToListAsync());
        Assert.Null(await store.GetImageAsync(requestId, ImageIds.For(requestId, 2, 0), default));
        Assert.DoesNotContain(requestId, await store.GetExpiredRequestsAsync(FinishedAt.AddDays(1), 100, default));
        Assert.Equal(2, (await store.GetProductsAsync(other, default).ToListAsync()).Count);
    }

    [SkippableFact]
    public async Task A_running_or_unknown_request_is_not_deleted()
    {
        var store = await CreateStoreAsync();
        var processing = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var exporting = await CreateExportingAsync(store, failOne: false);

        Assert.False(await store.DeleteRequestAsync(processing, default));
        Assert.False(await store.DeleteRequestAsync(exporting, default));
        Assert.False(await store.DeleteRequestAsync(Guid.NewGuid(), default));
        Assert.Single(await store.GetProductsAsync(processing, default).ToListAsync());
        Assert.Equal(RequestStatuses.Exporting, (await store.GetRequestAsync(exporting, default))!.Status);
    }

    [SkippableFact]
    public async Task A_request_that_failed_at_upload_is_expired_and_deleted_like_any_other()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, 1, 1), () => "unreadable CSV", default));

        var expired = await store.GetExpiredRequestsAsync(RecordedAt.AddSeconds(1), 100, default);
        var deleted = await store.DeleteRequestAsync(requestId, default);

        Assert.Contains(requestId, expired);
        Assert.True(deleted);
        Assert.Null(await store.GetRequestAsync(requestId, default));
    }

    [SkippableFact]
    public async Task A_cancelled_request_is_never_announced_again_once_notifier_recorded_it()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateCompletedAsync(store, FinishedAt, cancel: true);

        await store.MarkCompletionRecordedAsync(requestId, FinishedAt.AddSeconds(1), default);
        var stalled = await store.ClaimStalledAsync(LeaseUntil.AddDays(1), LeaseUntil.AddDays(2), LeaseUntil.AddDays(2), 100, default);

        Assert.DoesNotContain(stalled.Requests, r => r.RequestId == requestId);
    }

    /// <summary>A request of two images that completed at <paramref name="completedAt"/> (cancelled first, when asked).</summary>
    private static async Task<Guid> CreateCompletedAsync(IIngestStore store, DateTimeOffset completedAt, bool failOne = false, bool cancel = false)
    {
        Guid requestId;
        if (cancel)
        {
            requestId = await CreateAsync(store, rows: 2, imagesPerRow: 1);
            await Lifecycle(store).CancelAsync(requestId, ResultAt, LeaseUntil, default);
        }
        else
        {
            requestId = await CreateExportingAsync(store, failOne);
        }
        var completed = await Lifecycle(store).CompleteAsync(
            requestId, 1, $"exports/{requestId:N}.csv", $"http://gateway.test/api/requests/{requestId}/output.csv", completedAt, LeaseUntil, default);
        Assert.True(RequestStatuses.IsFinal(completed!.Status), completed.Status);
        return requestId;
    }
}
