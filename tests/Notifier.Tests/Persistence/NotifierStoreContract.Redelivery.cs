using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>The redelivery part of the contract: a finished delivery starts a new series of attempts, once.</summary>
public abstract partial class NotifierStoreContract
{
    private static readonly DateTimeOffset Later = Now.AddHours(3);

    [SkippableFact]
    public async Task A_failed_delivery_is_redelivered_as_a_new_series_due_at_once_keeping_its_log()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:redeliver-failed");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await ClaimAndRecordAsync(store, delivery.Id, Attempt(1, Now, 500, null, 10), DeliveryStatus.Pending, Now.AddSeconds(5));
        await ClaimAndRecordAsync(store, delivery.Id, Attempt(2, Now.AddSeconds(5), 503, null, 10), DeliveryStatus.Failed, null);

        Assert.Equal(RedeliveryOutcome.Redelivered, await store.RedeliverAsync(delivery.Id, Later, CancellationToken.None));

        var redelivered = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 2, 2, Later, Later), (redelivered!.Status, redelivered.AttemptCount, redelivered.Series, redelivered.NextAttemptAt, redelivered.UpdatedAt));
        Assert.Equal([1, 2], redelivered.Attempts.Select(attempt => attempt.Number));

        // the schedule starts over: attempt 3 is the first of series 2, attempt 4 its second
        var third = await store.TryClaimAsync(delivery.Id, Later, Later.AddMinutes(1), CancellationToken.None);
        Assert.Equal(Claimed(delivery, attemptNumber: 3, series: 2, attemptInSeries: 1), third);
        await store.RecordAttemptAsync(delivery.Id, Attempt(3, Later, 500, null, 7, series: 2), DeliveryStatus.Pending, Later.AddSeconds(5), Later, CancellationToken.None);
        var fourth = await store.TryClaimAsync(delivery.Id, Later.AddSeconds(5), Later.AddMinutes(1), CancellationToken.None);
        Assert.Equal((4, 2, 2), (fourth!.AttemptNumber, fourth.Series, fourth.AttemptInSeries));
        await store.RecordAttemptAsync(delivery.Id, Attempt(4, Later.AddSeconds(5), 200, null, 7, series: 2), DeliveryStatus.Delivered, null, Later, CancellationToken.None);

        var delivered = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, delivered!.Status);
        Assert.Equal([(1, 1), (2, 1), (3, 2), (4, 2)], delivered.Attempts.Select(attempt => (attempt.Number, attempt.Series)));
    }

    [SkippableFact]
    public async Task Delivered_failed_and_disabled_deliveries_can_each_be_redelivered()
    {
        var store = (await OpenStorageAsync())();
        foreach (var (status, code) in new[] { (DeliveryStatus.Delivered, 200), (DeliveryStatus.Failed, 500), (DeliveryStatus.Disabled, 410) })
        {
            var delivery = NewDelivery($"request.completed:redeliver-{status}");
            await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
            await ClaimAndRecordAsync(store, delivery.Id, Attempt(1, Now, code, null, 5), status, null);

            Assert.Equal(RedeliveryOutcome.Redelivered, await store.RedeliverAsync(delivery.Id, Later, CancellationToken.None));

            var claimed = await store.TryClaimAsync(delivery.Id, Later, Later.AddMinutes(1), CancellationToken.None);
            Assert.Equal((2, 2, 1), (claimed!.AttemptNumber, claimed.Series, claimed.AttemptInSeries));
        }
    }

    [SkippableFact]
    public async Task A_pending_delivery_is_not_redelivered_whether_waiting_or_claimed()
    {
        var store = (await OpenStorageAsync())();
        var waiting = NewDelivery("request.completed:redeliver-waiting");
        var claimed = NewDelivery("request.completed:redeliver-claimed");
        await store.TryAddDeliveryAsync(waiting, CancellationToken.None);
        await store.TryAddDeliveryAsync(claimed, CancellationToken.None);
        await store.TryClaimAsync(claimed.Id, Now, Lease, CancellationToken.None);

        Assert.Equal(RedeliveryOutcome.StillPending, await store.RedeliverAsync(waiting.Id, Now, CancellationToken.None));
        Assert.Equal(RedeliveryOutcome.StillPending, await store.RedeliverAsync(claimed.Id, Now, CancellationToken.None));

        // the held lease is untouched: nobody else can claim the attempt in flight
        var stored = await store.FindAsync(claimed.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 1, 1, Lease), (stored!.Status, stored.Series, stored.AttemptCount, stored.NextAttemptAt));
        Assert.Null(await store.TryClaimAsync(claimed.Id, Now.AddSeconds(1), Lease.AddMinutes(1), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Redelivering_an_unknown_delivery_finds_nothing()
    {
        var store = (await OpenStorageAsync())();

        Assert.Equal(RedeliveryOutcome.NotFound, await store.RedeliverAsync(Guid.NewGuid(), Now, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Ten_concurrent_redeliveries_across_replicas_start_one_series()
    {
        var replicas = await OpenStorageAsync();
        var instances = new[] { replicas(), replicas() };
        var delivery = NewDelivery("request.completed:redeliver-race");
        await instances[0].TryAddDeliveryAsync(delivery, CancellationToken.None);
        await ClaimAndRecordAsync(instances[0], delivery.Id, Attempt(1, Now, 500, null, 5), DeliveryStatus.Failed, null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => instances[i % 2].RedeliverAsync(delivery.Id, Later, CancellationToken.None))));

        Assert.Single(outcomes, outcome => outcome == RedeliveryOutcome.Redelivered);
        Assert.Equal(9, outcomes.Count(outcome => outcome == RedeliveryOutcome.StillPending));
        Assert.Equal(2, (await instances[1].FindAsync(delivery.Id, CancellationToken.None))?.Series);
    }

    [SkippableFact]
    public async Task A_late_outcome_from_before_a_redelivery_is_logged_but_moves_nothing()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:redeliver-late");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        // attempt 1 hangs past its lease; attempt 2 is claimed, fails for good, and the delivery is redelivered
        await ClaimAndRecordAsync(store, delivery.Id, Attempt(2, Lease, 500, null, 5), DeliveryStatus.Failed, null);
        await store.RedeliverAsync(delivery.Id, Later, CancellationToken.None);

        await store.RecordAttemptAsync(delivery.Id, Attempt(1, Now, 200, null, 61_000), DeliveryStatus.Delivered, null, Later, CancellationToken.None);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 2, Later), (stored!.Status, stored.Series, stored.NextAttemptAt));
        Assert.Equal([1, 2], stored.Attempts.Select(attempt => attempt.Number));
        var next = await store.TryClaimAsync(delivery.Id, Later, Later.AddMinutes(1), CancellationToken.None);
        Assert.Equal((3, 2, 1), (next!.AttemptNumber, next.Series, next.AttemptInSeries));
    }
}
