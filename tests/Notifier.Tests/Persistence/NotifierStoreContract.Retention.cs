using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>The purge part of the contract: a request's deliveries go with their attempts, and nobody else's.</summary>
public abstract partial class NotifierStoreContract
{
    [SkippableFact]
    public async Task A_purged_request_has_no_deliveries_and_a_repeat_is_harmless()
    {
        var replicas = await OpenStorageAsync();
        var requestId = Guid.NewGuid();
        var completed = NewDelivery("request.completed:purged", requestId);
        var progress = NewDelivery("request.progress:purged:1", requestId);
        var other = NewDelivery("request.completed:kept");
        foreach (var delivery in new[] { completed, progress, other })
        {
            Assert.True(await replicas().TryAddDeliveryAsync(delivery, CancellationToken.None));
        }
        await ClaimAndRecordAsync(replicas(), completed.Id, Attempt(1, Now, 500, null, 3), DeliveryStatus.Pending, Now.AddMinutes(1));

        var deleted = await replicas().DeleteByRequestAsync(requestId, CancellationToken.None);
        var again = await replicas().DeleteByRequestAsync(requestId, CancellationToken.None);

        Assert.Equal((2, 0), (deleted, again));
        Assert.Empty(await replicas().ListByRequestAsync(requestId, CancellationToken.None));
        Assert.Null(await replicas().FindAsync(completed.Id, CancellationToken.None));
        Assert.NotNull(await replicas().FindAsync(other.Id, CancellationToken.None));
        // a purged event can be recorded again as new: nothing of the old one is left to collide with
        Assert.True(await replicas().TryAddDeliveryAsync(completed with { Id = Guid.CreateVersion7() }, CancellationToken.None));
    }
}
