using ImagePipeline.Notifier.Persistence;
using ImagePipeline.ServiceDefaults.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Tests.Persistence;

public sealed class SqliteNotifierStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Lease = Now.AddMinutes(1);

    private readonly string _directory = Directory.CreateTempSubdirectory("notifier-store-").FullName;

    [Fact]
    public async Task The_same_event_is_recorded_once()
    {
        var store = NewStore();
        var first = NewDelivery("request.completed:1");

        Assert.True(await store.TryAddDeliveryAsync(first, CancellationToken.None));
        Assert.False(await store.TryAddDeliveryAsync(NewDelivery("request.completed:1"), CancellationToken.None));

        var stored = Assert.Single(await store.ListByRequestAsync(first.RequestId, CancellationToken.None));
        Assert.Equal(first.Id, stored.Id);
        Assert.Equal(DeliveryStatus.Pending, stored.Status);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", stored.TraceParent);
    }

    [Fact]
    public async Task Replicas_claiming_at_once_get_an_attempt_once()
    {
        // two store instances on one file stand for two Notifier replicas
        var replicas = new[] { NewStore(), NewStore() };
        var delivery = NewDelivery("request.completed:2");
        await replicas[0].TryAddDeliveryAsync(delivery, CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? replicas[i % 2].ClaimDueAsync(Now, Lease, 10, CancellationToken.None)
            : ClaimOneAsync(replicas[i % 2], delivery.Id)));

        var claimed = Assert.Single(claims.SelectMany(c => c));
        Assert.Equal(1, claimed.AttemptNumber);
        Assert.Empty(await replicas[1].ClaimDueAsync(Lease.AddSeconds(-1), Lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_abandoned_claim_becomes_due_when_its_lease_ends()
    {
        var store = NewStore();
        var delivery = NewDelivery("request.completed:3");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.ClaimDueAsync(Now, Lease, 10, CancellationToken.None);

        var reclaimed = Assert.Single(await store.ClaimDueAsync(Lease, Lease.AddMinutes(1), 10, CancellationToken.None));

        Assert.Equal(2, reclaimed.AttemptNumber);
    }

    [Fact]
    public async Task A_stale_attempt_is_logged_but_does_not_move_the_delivery()
    {
        var store = NewStore();
        var delivery = NewDelivery("request.completed:4");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.ClaimDueAsync(Now, Lease, 10, CancellationToken.None);
        await store.ClaimDueAsync(Lease, Lease.AddMinutes(1), 10, CancellationToken.None);

        // attempt 1 finishes after attempt 2 was claimed: it is recorded, but attempt 2 decides the status
        await store.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(1, Now, 200, null, 12), DeliveryStatus.Delivered, null, Lease, CancellationToken.None);

        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(DeliveryStatus.Pending, stored.Status);
        var attempt = Assert.Single(stored.Attempts);
        Assert.Equal((1, 200, 12L), (attempt.Number, attempt.StatusCode, attempt.LatencyMs));
    }

    [Fact]
    public async Task Recording_a_failed_attempt_schedules_the_next_one()
    {
        var store = NewStore();
        var delivery = NewDelivery("request.completed:5");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        var claimed = await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        Assert.NotNull(claimed);

        var next = Now.AddSeconds(5);
        await store.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(1, Now, null, "ConnectionError: refused", 3), DeliveryStatus.Pending, next, Now, CancellationToken.None);

        Assert.Null(await store.TryClaimAsync(delivery.Id, next.AddMilliseconds(-1), Lease, CancellationToken.None));
        var retry = await store.TryClaimAsync(delivery.Id, next, next.AddMinutes(1), CancellationToken.None);
        Assert.Equal(2, retry?.AttemptNumber);
        var stored = await store.FindAsync(delivery.Id, CancellationToken.None);
        Assert.Equal("ConnectionError: refused", Assert.Single(stored!.Attempts).Error);
    }

    [Fact]
    public async Task Finished_deliveries_are_never_claimed()
    {
        var store = NewStore();
        var delivery = NewDelivery("request.completed:6");
        await store.TryAddDeliveryAsync(delivery, CancellationToken.None);
        await store.TryClaimAsync(delivery.Id, Now, Lease, CancellationToken.None);
        await store.RecordAttemptAsync(delivery.Id, new DeliveryAttempt(1, Now, 204, null, 5), DeliveryStatus.Delivered, null, Now, CancellationToken.None);

        Assert.Empty(await store.ClaimDueAsync(Now.AddDays(1), Now.AddDays(2), 10, CancellationToken.None));
        Assert.Equal(DeliveryStatus.Delivered, (await store.FindAsync(delivery.Id, CancellationToken.None))?.Status);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }

    private SqliteNotifierStore NewStore() =>
        new(new SqliteDatabase($"Data Source={Path.Combine(_directory, "notifier.db")}"));

    private static NewDelivery NewDelivery(string eventId) => new(
        Guid.CreateVersion7(),
        eventId,
        "request.completed",
        Guid.NewGuid(),
        "http://127.0.0.1:9/hook",
        "{}",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        Now);

    private static async Task<IReadOnlyList<ClaimedDelivery>> ClaimOneAsync(INotifierStore store, Guid id) =>
        await store.TryClaimAsync(id, Now, Lease, CancellationToken.None) is { } claimed ? [claimed] : [];
}
