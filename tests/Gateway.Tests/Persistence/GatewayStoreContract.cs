using ImagePipeline.Gateway.Persistence;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// What every <see cref="IGatewayStore"/> promises, written once and run against each backend by a subclass. Times are
/// whole milliseconds: both backends keep that precision.
/// </summary>
public abstract class GatewayStoreContract
{
    private const string OwnerA = "5f3a0d0ae5c0bd5a4b1f0e0c3d4f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f";
    private const string OwnerB = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string Fingerprint = "9b74c9897bac770ffc029102a200c5de7a3f6a1b2c3d4e5f60718293a4b5c6d7";

    // ahead of the real clock, whole milliseconds: MongoDB's TTL monitor must not remove records while a test reads them
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds());
    private static readonly TimeSpan Lock = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Fresh, empty storage. Each call of the returned factory opens another store instance on it, as another replica
    /// of the gateway would; a backend that cannot be had here skips the test.
    /// </summary>
    protected abstract Task<Func<IGatewayStore>> OpenStorageAsync();

    [SkippableFact]
    public async Task Reads_back_the_owner_of_a_request()
    {
        var replicas = await OpenStorageAsync();
        var requestId = Guid.NewGuid();

        Assert.True(await replicas().TryAddOwnerAsync(requestId, OwnerA, Now, CancellationToken.None));

        Assert.Equal(OwnerA, await replicas().FindOwnerAsync(requestId, CancellationToken.None));
        Assert.Null(await replicas().FindOwnerAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_first_owner_of_a_request_stays()
    {
        var store = (await OpenStorageAsync())();
        var requestId = Guid.NewGuid();

        Assert.True(await store.TryAddOwnerAsync(requestId, OwnerA, Now, CancellationToken.None));
        Assert.False(await store.TryAddOwnerAsync(requestId, OwnerB, Now, CancellationToken.None));

        Assert.Equal(OwnerA, await store.FindOwnerAsync(requestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_free_key_is_taken_in_progress_and_reads_back()
    {
        var replicas = await OpenStorageAsync();
        var attempt = Attempt(OwnerA, "key-1");

        Assert.Null(await replicas().TryBeginAsync(attempt, Now, CancellationToken.None));

        Assert.Equal(
            new IdempotencyRecord
            {
                AttemptId = attempt.AttemptId,
                Owner = OwnerA,
                Key = "key-1",
                Fingerprint = Fingerprint,
                State = IdempotencyState.InProgress,
                CreatedAt = Now,
                ExpiresAt = Now + Lock,
            },
            await replicas().FindIdempotencyAsync(OwnerA, "key-1", Now, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_held_key_answers_with_its_holder()
    {
        var store = (await OpenStorageAsync())();
        var first = Attempt(OwnerA, "key-held");
        await store.TryBeginAsync(first, Now, CancellationToken.None);

        var holder = await store.TryBeginAsync(Attempt(OwnerA, "key-held", "another fingerprint"), Now.AddSeconds(1), CancellationToken.None);

        Assert.NotNull(holder);
        Assert.Equal((first.AttemptId, IdempotencyState.InProgress, Fingerprint), (holder.AttemptId, holder.State, holder.Fingerprint));
    }

    [SkippableFact]
    public async Task A_completed_key_keeps_the_accepted_upload_until_it_expires()
    {
        var replicas = await OpenStorageAsync();
        var attempt = Attempt(OwnerA, "key-done");
        var accepted = new AcceptedUpload(Guid.NewGuid(), 2, 3);
        await replicas().TryBeginAsync(attempt, Now, CancellationToken.None);

        Assert.True(await replicas().TryCompleteAsync(attempt.AttemptId, accepted, Now + Lifetime, CancellationToken.None));
        var holder = await replicas().TryBeginAsync(Attempt(OwnerA, "key-done"), Now.AddHours(1), CancellationToken.None);

        Assert.Equal(
            new IdempotencyRecord
            {
                AttemptId = attempt.AttemptId,
                Owner = OwnerA,
                Key = "key-done",
                Fingerprint = Fingerprint,
                State = IdempotencyState.Completed,
                Accepted = accepted,
                CreatedAt = Now,
                ExpiresAt = Now + Lifetime,
            },
            holder);
    }

    [SkippableFact]
    public async Task An_attempt_completes_once()
    {
        var store = (await OpenStorageAsync())();
        var attempt = Attempt(OwnerA, "key-once");
        var accepted = new AcceptedUpload(Guid.NewGuid(), 1, 1);
        await store.TryBeginAsync(attempt, Now, CancellationToken.None);

        Assert.True(await store.TryCompleteAsync(attempt.AttemptId, accepted, Now + Lifetime, CancellationToken.None));
        Assert.False(await store.TryCompleteAsync(attempt.AttemptId, new AcceptedUpload(Guid.NewGuid(), 9, 9), Now + Lifetime, CancellationToken.None));
        Assert.False(await store.ReleaseAsync(attempt.AttemptId, CancellationToken.None));

        Assert.Equal(accepted, (await store.FindIdempotencyAsync(OwnerA, "key-once", Now, CancellationToken.None))?.Accepted);
    }

    [SkippableFact]
    public async Task A_released_key_is_free_again()
    {
        var store = (await OpenStorageAsync())();
        var refused = Attempt(OwnerA, "key-released");
        await store.TryBeginAsync(refused, Now, CancellationToken.None);

        Assert.True(await store.ReleaseAsync(refused.AttemptId, CancellationToken.None));

        Assert.Null(await store.FindIdempotencyAsync(OwnerA, "key-released", Now, CancellationToken.None));
        Assert.Null(await store.TryBeginAsync(Attempt(OwnerA, "key-released"), Now, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Keys_belong_to_their_owner()
    {
        var store = (await OpenStorageAsync())();

        Assert.Null(await store.TryBeginAsync(Attempt(OwnerA, "shared-key"), Now, CancellationToken.None));
        Assert.Null(await store.TryBeginAsync(Attempt(OwnerB, "shared-key"), Now, CancellationToken.None));

        Assert.Equal(OwnerB, (await store.FindIdempotencyAsync(OwnerB, "shared-key", Now, CancellationToken.None))?.Owner);
    }

    [SkippableFact]
    public async Task An_expired_key_is_ignored_and_replaced()
    {
        var store = (await OpenStorageAsync())();
        var old = Attempt(OwnerA, "key-expiring");
        await store.TryBeginAsync(old, Now, CancellationToken.None);
        await store.TryCompleteAsync(old.AttemptId, new AcceptedUpload(Guid.NewGuid(), 1, 1), Now + Lifetime, CancellationToken.None);
        var later = Now + Lifetime;

        Assert.Null(await store.FindIdempotencyAsync(OwnerA, "key-expiring", later, CancellationToken.None));
        var fresh = Attempt(OwnerA, "key-expiring", "a new payload") with { CreatedAt = later, ExpiresAt = later + Lock };
        Assert.Null(await store.TryBeginAsync(fresh, later, CancellationToken.None));

        var record = await store.FindIdempotencyAsync(OwnerA, "key-expiring", later, CancellationToken.None);
        Assert.Equal((fresh.AttemptId, IdempotencyState.InProgress, "a new payload"), (record?.AttemptId, record?.State, record?.Fingerprint));
        // the replaced attempt can no longer touch the key
        Assert.False(await store.ReleaseAsync(old.AttemptId, CancellationToken.None));
        Assert.False(await store.TryCompleteAsync(old.AttemptId, new AcceptedUpload(Guid.NewGuid(), 1, 1), later + Lifetime, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_abandoned_attempt_loses_its_key_when_its_lock_runs_out()
    {
        var store = (await OpenStorageAsync())();
        var abandoned = Attempt(OwnerA, "key-abandoned");
        await store.TryBeginAsync(abandoned, Now, CancellationToken.None);

        Assert.NotNull(await store.TryBeginAsync(Attempt(OwnerA, "key-abandoned"), Now + Lock - TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Null(await store.TryBeginAsync(Attempt(OwnerA, "key-abandoned"), Now + Lock, CancellationToken.None));

        Assert.False(await store.TryCompleteAsync(abandoned.AttemptId, new AcceptedUpload(Guid.NewGuid(), 1, 1), Now + Lifetime, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Of_twenty_racing_attempts_with_one_key_exactly_one_takes_it()
    {
        var replicas = await OpenStorageAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => replicas()).ToArray();
        var attempts = Enumerable.Range(0, 20).Select(_ => Attempt(OwnerA, "key-raced")).ToArray();

        var holders = await Task.WhenAll(attempts.Select((attempt, i) => Task.Run(() => stores[i % stores.Length].TryBeginAsync(attempt, Now, CancellationToken.None))));

        var winners = attempts.Where((_, i) => holders[i] is null).ToArray();
        var winner = Assert.Single(winners);
        Assert.All(holders.OfType<IdempotencyRecord>(), holder => Assert.Equal(winner.AttemptId, holder.AttemptId));
    }

    [SkippableFact]
    public async Task Of_racing_attempts_on_an_expired_key_exactly_one_takes_it()
    {
        var replicas = await OpenStorageAsync();
        var old = Attempt(OwnerA, "key-expired-raced");
        await replicas().TryBeginAsync(old, Now, CancellationToken.None);
        var later = Now + Lock;
        var attempts = Enumerable.Range(0, 10).Select(_ => Attempt(OwnerA, "key-expired-raced") with { CreatedAt = later, ExpiresAt = later + Lock }).ToArray();

        var holders = await Task.WhenAll(attempts.Select(attempt => Task.Run(() => replicas().TryBeginAsync(attempt, later, CancellationToken.None))));

        Assert.Single(holders, holder => holder is null);
        Assert.DoesNotContain(holders, holder => holder?.AttemptId == old.AttemptId);
    }

    [SkippableFact]
    public async Task Ten_concurrent_owner_records_of_one_request_keep_one_owner()
    {
        var replicas = await OpenStorageAsync();
        var requestId = Guid.NewGuid();

        var recorded = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => replicas().TryAddOwnerAsync(requestId, i % 2 == 0 ? OwnerA : OwnerB, Now, CancellationToken.None))));

        Assert.Single(recorded, added => added);
        Assert.NotNull(await replicas().FindOwnerAsync(requestId, CancellationToken.None));
    }

    private static NewIdempotencyAttempt Attempt(string owner, string key, string fingerprint = Fingerprint) =>
        new(Guid.NewGuid(), owner, key, fingerprint, Now, Now + Lock);
}
