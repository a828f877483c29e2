using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>
/// What every <see cref="INotifierStore"/> promises, written once and run against each backend by a subclass. Times
/// are whole milliseconds: both backends keep that precision.
/// </summary>
public abstract partial class NotifierStoreContract
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    // an API key fingerprint: the client whose derived secret signs the delivery
    private const string ClientId = "3f1c0e9a5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e";

    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Lease = Now.AddMinutes(1);

    /// <summary>
    /// Fresh, empty storage. Each call of the returned factory opens another store instance on it, as another replica
    /// of the Notifier would; a backend that cannot be had here skips the test.
    /// </summary>
    protected abstract Task<Func<INotifierStore>> OpenStorageAsync();

    [SkippableFact]
    public async Task Reads_back_a_new_delivery_pending_and_due_at_once()
    {
        var replicas = await OpenStorageAsync();
        var delivery = NewDelivery("request.completed:read-back");

        Assert.True(await replicas().TryAddDeliveryAsync(delivery, CancellationToken.None));
        var stored = await replicas().FindAsync(delivery.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(
            new DeliveryRecord
            {
                Id = delivery.Id, EventId = delivery.EventId, EventType = delivery.EventType, RequestId = delivery.RequestId, Url = delivery.Url,
                Payload = delivery.Payload, Status = DeliveryStatus.Pending, AttemptCount = 0, Series = 1, NextAttemptAt = Now,
                TraceParent = TraceParent, CreatedAt = Now, UpdatedAt = Now, Attempts = stored.Attempts,
            },
            stored);
        Assert.Empty(stored.Attempts);
    }

    [SkippableFact]
    public async Task Reads_back_a_delivery_without_a_trace_parent()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:no-trace") with { TraceParent = null };

        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);

        Assert.Null((await store.FindAsync(delivery.Id, CancellationToken.None))?.TraceParent);
        Assert.Null((await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None))?.TraceParent);
    }

    [SkippableFact]
    public async Task A_delivery_without_a_client_is_claimed_without_one()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:no-client") with { ClientId = null };

        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);

        Assert.Null((await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None))?.ClientId);
    }

    [SkippableFact]
    public async Task Finds_nothing_for_unknown_ids()
    {
        var store = (await OpenStorageAsync())();

        Assert.Null(await store.FindAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Empty(await store.ListByRequestAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await store.TryClaimAsync(Guid.NewGuid(), Now, Lease, CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_same_event_is_recorded_once()
    {
        var store = (await OpenStorageAsync())();
        var first = NewDelivery("request.completed:duplicate");

        Assert.True(await store.TryAddDeliveryAsync(first, CancellationToken.None));
        Assert.False(await store.TryAddDeliveryAsync(NewDelivery("request.completed:duplicate", first.RequestId), CancellationToken.None));

        var stored = Assert.Single(await store.ListByRequestAsync(first.RequestId, CancellationToken.None));
        Assert.Equal(first.Id, stored.Id);
    }

    [SkippableFact]
    public async Task Ten_concurrent_copies_of_an_event_make_one_delivery()
    {
        var replicas = await OpenStorageAsync();
        var requestId = Guid.NewGuid();
        var copies = Enumerable.Range(0, 10).Select(_ => NewDelivery("request.completed:concurrent", requestId)).ToArray();

        var added = await Task.WhenAll(copies.Select(copy => Task.Run(() => replicas().TryAddDeliveryAsync(copy, CancellationToken.None))));

        Assert.Single(added, wasAdded => wasAdded);
        var stored = Assert.Single(await replicas().ListByRequestAsync(requestId, CancellationToken.None));
        Assert.Equal(copies[Array.IndexOf(added, true)].Id, stored.Id);
    }

    [SkippableFact]
    public async Task A_claim_hands_over_what_sending_needs_and_takes_attempt_one_of_series_one()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:claim");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);

        var claimed = await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);

        Assert.Equal(Claimed(delivery, attemptNumber: 1, series: 1, attemptInSeries: 1), claimed);
        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 1, Lease), (stored!.Status, stored.AttemptCount, stored.NextAttemptAt));
    }

    [SkippableFact]
    public async Task Two_racing_claimers_of_a_due_delivery_get_it_once()
    {
        var replicas = await OpenStorageAsync();
        var (first, second) = (replicas(), replicas());
        var delivery = NewDelivery("request.completed:race");
        await first.TryAddDeliveryAsync(delivery, CancellationToken.None);

        var claims = await Task.WhenAll(
            Task.Run(() => first.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None)),
            Task.Run(() => second.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None)));

        var winner = Assert.Single(claims, claim => claim is not null);
        Assert.Equal(1, winner!.AttemptNumber);
    }

    [SkippableFact]
    public async Task Ten_claimers_across_replicas_get_an_attempt_once()
    {
        var replicas = await OpenStorageAsync();
        var instances = new[] { replicas(), replicas() };
        var delivery = NewDelivery("request.completed:ten-claimers");
        await instances[0].TryAddDeliveryAsync(delivery, CancellationToken.None);

        // consumers claim by id, dispatchers claim whatever is due: both kinds race here
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => i % 2 == 0
            ? instances[i % 2].ClaimDueAsync(Now, Lease, 10, [], CancellationToken.None)
            : ClaimOneAsync(instances[i % 2], delivery.Id, Now))));

        var claimed = Assert.Single(claims.SelectMany(claim => claim));
        Assert.Equal((delivery.Id, 1), (claimed.Id, claimed.AttemptNumber));
        Assert.Equal(1, (await instances[1].FindAsync(delivery.Id, CancellationToken.None))?.AttemptCount);
    }

    [SkippableFact]
    public async Task A_held_lease_keeps_others_out_and_an_expired_one_is_reclaimed()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:lease");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.ClaimDueAsync(Now, Lease, 10, [], CancellationToken.None);

        Assert.Null(await store.TryClaimAsync(delivery.Id, Lease.AddMilliseconds(-1), Lease.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await store.ClaimDueAsync(Lease.AddMilliseconds(-1), Lease.AddMinutes(1), 10, [], CancellationToken.None));
        var reclaimed = Assert.Single(await store.ClaimDueAsync(Lease, Lease.AddMinutes(1), 10, [], CancellationToken.None));

        Assert.Equal(2, reclaimed.AttemptNumber);
    }

    [SkippableFact]
    public async Task A_late_outcome_of_a_superseded_claim_is_logged_but_moves_nothing()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:superseded");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.ClaimDueAsync(Now, Lease, 10, [], CancellationToken.None);
        await store.ClaimDueAsync(Lease, Lease.AddMinutes(1), 10, [], CancellationToken.None);

        // attempt 1 finishes after attempt 2 was claimed: it is recorded, but attempt 2 decides the status
        await store.RecordAttemptAsync(delivery.Id, Attempt(1, Now, 200, null, 12), DeliveryStatus.Delivered, null, Lease, CancellationToken.None);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, 2, Lease.AddMinutes(1)), (stored!.Status, stored.AttemptCount, stored.NextAttemptAt));
        Assert.Equal(Attempt(1, Now, 200, null, 12), Assert.Single(stored.Attempts));
    }

    [SkippableFact]
    public async Task A_late_failure_does_not_undo_a_later_success_and_the_log_stays_in_order()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:late-failure");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Lease, Lease.AddMinutes(1), CancellationToken.None);

        await store.RecordAttemptAsync(delivery.Id, Attempt(2, Lease, 204, null, 8), DeliveryStatus.Delivered, null, Lease, CancellationToken.None);
        await store.RecordAttemptAsync(delivery.Id, Attempt(1, Now, 500, null, 61_000), DeliveryStatus.Pending, Lease.AddMinutes(5), Lease, CancellationToken.None);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)null), (stored!.Status, stored.NextAttemptAt));
        Assert.Equal([Attempt(1, Now, 500, null, 61_000), Attempt(2, Lease, 204, null, 8)], stored.Attempts);
        Assert.Empty(await store.ClaimDueAsync(Lease.AddDays(1), Lease.AddDays(2), 10, [], CancellationToken.None));
    }

    [SkippableFact]
    public async Task Attempts_are_recorded_in_order_with_their_outcomes()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:attempts");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        var firstRetry = Now.AddSeconds(5);
        var secondRetry = Now.AddSeconds(15);
        var expected = new[]
        {
            Attempt(1, Now, 503, null, 40),
            Attempt(2, firstRetry, null, "ConnectionError: Connection refused", 3),
            Attempt(3, secondRetry, 200, null, 27),
        };

        await ClaimAndRecordAsync(store, delivery.Id, expected[0], DeliveryStatus.Pending, firstRetry);
        await ClaimAndRecordAsync(store, delivery.Id, expected[1], DeliveryStatus.Pending, secondRetry);
        await ClaimAndRecordAsync(store, delivery.Id, expected[2], DeliveryStatus.Delivered, null);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal(expected, stored!.Attempts);
        Assert.Equal((DeliveryStatus.Delivered, 3, (DateTimeOffset?)null, secondRetry.AddMilliseconds(27)),
            (stored.Status, stored.AttemptCount, stored.NextAttemptAt, stored.UpdatedAt));
        Assert.True(stored.Attempts[^1].Succeeded);
    }

    [SkippableFact]
    public async Task A_failed_attempt_schedules_the_next_one()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:retry");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        var next = Now.AddSeconds(5);

        await store.RecordAttemptAsync(delivery.Id, Attempt(1, Now, null, "Timeout", 10_000), DeliveryStatus.Pending, next, Now.AddSeconds(10), CancellationToken.None);

        Assert.Null(await store.TryClaimAsync(delivery.Id, next.AddMilliseconds(-1), Lease, CancellationToken.None));
        var retry = await store.TryClaimAsync(delivery.Id, next, next.AddMinutes(1), CancellationToken.None);
        Assert.Equal(2, retry?.AttemptNumber);
    }

    [SkippableFact]
    public async Task Recording_the_same_attempt_twice_logs_it_once()
    {
        var store = (await OpenStorageAsync())();
        var delivery = NewDelivery("request.completed:twice");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        var attempt = Attempt(1, Now, 502, null, 15);

        await store.RecordAttemptAsync(delivery.Id, attempt, DeliveryStatus.Pending, Now.AddSeconds(5), Now, CancellationToken.None);
        await store.RecordAttemptAsync(delivery.Id, attempt, DeliveryStatus.Pending, Now.AddSeconds(5), Now, CancellationToken.None);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal(attempt, Assert.Single(stored!.Attempts));
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(5)), (stored.Status, stored.NextAttemptAt));
    }

    [SkippableFact]
    public async Task Finished_deliveries_are_never_claimed()
    {
        var store = (await OpenStorageAsync())();
        var delivered = NewDelivery("request.completed:delivered");
        var failed = NewDelivery("request.completed:failed");
        var disabled = NewDelivery("request.completed:disabled");
        foreach (var (delivery, status, code) in new[]
                 {
                     (delivered, DeliveryStatus.Delivered, 204), (failed, DeliveryStatus.Failed, 500), (disabled, DeliveryStatus.Disabled, 410),
                 })
        {
            await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
            await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
            await store.RecordAttemptAsync(delivery.Id, Attempt(1, Now, code, null, 5), status, null, Now, CancellationToken.None);
        }

        Assert.Empty(await store.ClaimDueAsync(Now.AddDays(1), Now.AddDays(2), 10, [], CancellationToken.None));
        Assert.Null(await store.TryClaimAsync(failed.Id, Now.AddDays(1), Now.AddDays(2), CancellationToken.None));
        Assert.Null(await store.TryClaimAsync(disabled.Id, Now.AddDays(1), Now.AddDays(2), CancellationToken.None));
        Assert.Equal(DeliveryStatus.Delivered, (await store.FindAsync(delivered.Id, CancellationToken.None))?.Status);
        Assert.Equal(DeliveryStatus.Failed, (await store.FindAsync(failed.Id, CancellationToken.None))?.Status);
        var stored = await store.FindAsync(disabled.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Disabled, (DateTimeOffset?)null, 410), (stored!.Status, stored.NextAttemptAt, Assert.Single(stored.Attempts).StatusCode));
    }

    [SkippableFact]
    public async Task Due_deliveries_are_claimed_oldest_due_first_up_to_the_limit()
    {
        var store = (await OpenStorageAsync())();
        var retried = NewDelivery("request.completed:retried") with { CreatedAt = Now.AddMinutes(-10) };
        var older = NewDelivery("request.completed:older") with { CreatedAt = Now.AddMinutes(-3) };
        var newer = NewDelivery("request.completed:newer") with { CreatedAt = Now.AddMinutes(-1) };
        var future = NewDelivery("request.completed:future") with { CreatedAt = Now.AddMinutes(1) };
        foreach (var delivery in new[] { newer, future, retried, older })
        {
            await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        }
        // the oldest delivery failed once and is due again only 30 s before now: due time, not age, orders claims
        await ClaimAndRecordAsync(store, retried.Id, Attempt(1, retried.CreatedAt, 500, null, 9), DeliveryStatus.Pending, Now.AddSeconds(-30));

        var firstTwo = await store.ClaimDueAsync(Now, Lease, 2, [], CancellationToken.None);
        var rest = await store.ClaimDueAsync(Now, Lease, 10, [], CancellationToken.None);

        Assert.Equal(new[] { older.Id, newer.Id }.Order(), firstTwo.Select(claimed => claimed.Id).Order());
        Assert.Equal([retried.Id], rest.Select(claimed => claimed.Id));
        Assert.Equal(2, rest[0].AttemptNumber);
    }

    [SkippableFact]
    public async Task A_round_of_claims_takes_the_oldest_due_of_each_host_and_nothing_of_a_busy_host()
    {
        var store = (await OpenStorageAsync())();
        var first = await AddAsync(store, "request.completed:host-a-1", "http://a.client.test/hooks/1", Now.AddMinutes(-3));
        var second = await AddAsync(store, "request.completed:host-a-2", "http://a.client.test:8443/hooks/2", Now.AddMinutes(-2));
        var other = await AddAsync(store, "request.completed:host-b", "http://b.client.test/hook", Now.AddMinutes(-1));
        var busy = await AddAsync(store, "request.completed:host-c", "https://c.client.test/hook", Now.AddMinutes(-4));

        var round1 = await store.ClaimDueAsync(Now, Lease, 10, ["c.client.test"], CancellationToken.None);
        var round2 = await store.ClaimDueAsync(Now, Lease, 10, [], CancellationToken.None);

        // a.client.test's two deliveries (whatever their ports) go one per round, oldest first
        Assert.Equal(new[] { first.Id, other.Id }.Order(), round1.Select(claimed => claimed.Id).Order());
        Assert.Equal(new[] { second.Id, busy.Id }.Order(), round2.Select(claimed => claimed.Id).Order());
    }

    [SkippableFact]
    public async Task A_request_lists_its_own_deliveries_oldest_first_with_their_attempts()
    {
        var store = (await OpenStorageAsync())();
        var requestId = Guid.NewGuid();
        var later = NewDelivery("request.failed:listed", requestId) with { CreatedAt = Now.AddSeconds(1) };
        var earlier = NewDelivery("request.completed:listed", requestId);
        var elsewhere = NewDelivery("request.completed:other");
        foreach (var delivery in new[] { later, earlier, elsewhere })
        {
            await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        }
        await ClaimAndRecordAsync(store, later.Id, Attempt(1, Now.AddSeconds(1), 200, null, 4), DeliveryStatus.Delivered, null);

        var listed = await store.ListByRequestAsync(requestId, CancellationToken.None);

        Assert.Equal([earlier.Id, later.Id], listed.Select(delivery => delivery.Id));
        Assert.Empty(listed[0].Attempts);
        Assert.Equal(Attempt(1, Now.AddSeconds(1), 200, null, 4), Assert.Single(listed[1].Attempts));
    }

    private static NewDelivery NewDelivery(string eventId, Guid? requestId = null) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = eventId,
        EventType = eventId[..eventId.IndexOf(':', StringComparison.Ordinal)],
        RequestId = requestId ?? Guid.NewGuid(),
        // a host of its own, so a round of claims (one per host) can take every delivery of a test
        Url = $"http://client-{Guid.NewGuid():N}.test:9/hook",
        Payload = """{"type":"request.completed","data":{"status":"Completed"}}""",
        TraceParent = TraceParent,
        CreatedAt = Now,
        ClientId = ClientId,
    };

    private static ClaimedDelivery Claimed(NewDelivery delivery, int attemptNumber, int series, int attemptInSeries) => new()
    {
        Id = delivery.Id,
        EventType = delivery.EventType,
        Url = delivery.Url,
        Payload = delivery.Payload,
        AttemptNumber = attemptNumber,
        Series = series,
        AttemptInSeries = attemptInSeries,
        TraceParent = delivery.TraceParent,
        ClientId = delivery.ClientId,
    };

    private static async Task<NewDelivery> AddAsync(INotifierStore store, string eventId, string url, DateTimeOffset createdAt)
    {
        var delivery = NewDelivery(eventId) with { Url = url, CreatedAt = createdAt };
        Assert.True(await store.TryAddDeliveryAsync(delivery, CancellationToken.None));
        return delivery;
    }

    private static DeliveryAttempt Attempt(int number, DateTimeOffset at, int? statusCode, string? error, long latencyMs, int series = 1) =>
        new(number, series, at, statusCode, error, latencyMs);

    // claims the attempt when it is due and records its outcome when it ends, as the delivery runner does
    private static async Task ClaimAndRecordAsync(INotifierStore store, Guid deliveryId, DeliveryAttempt attempt, DeliveryStatus status, DateTimeOffset? next)
    {
        var claimed = await store.TryClaimAsync(deliveryId, attempt.AttemptedAt, attempt.AttemptedAt.AddMinutes(1), CancellationToken.None);
        Assert.Equal(attempt.Number, claimed?.AttemptNumber);
        await store.RecordAttemptAsync(deliveryId, attempt, status, next, attempt.AttemptedAt.AddMilliseconds(attempt.LatencyMs), CancellationToken.None);
    }

    private static async Task<IReadOnlyList<ClaimedDelivery>> ClaimOneAsync(INotifierStore store, Guid deliveryId, DateTimeOffset now) =>
        await store.TryClaimAsync(deliveryId, now, Lease, CancellationToken.None) is { } claimed ? [claimed] : [];
}
