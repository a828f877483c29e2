using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The contract of releasing images in windows, the reconciler's claims and the list, on every backend.</summary>
public abstract partial class IngestStoreContract
{
    private static readonly DateTimeOffset Lease = RecordedAt.AddMinutes(10);

    [SkippableFact]
    public async Task Release_fills_the_window_in_input_order_and_refills_by_what_finished()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 2);
        var window = new DispatchWindow(4, new FixedOriginLimits(8, 8), Lease);

        var first = await store.ReleaseImagesAsync(requestId, window, default);
        var full = await store.ReleaseImagesAsync(requestId, window, default);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, first[0].ImageId), LeaseUntil, default);
        var refill = await store.ReleaseImagesAsync(requestId, window, default);

        Assert.Equal([(2, 0), (2, 1), (3, 0), (3, 1)], first.Select(i => (i.RowNumber, i.Position)));
        Assert.Empty(full);
        Assert.Equal((4, 0), Assert.Single(refill) is var next ? (next.RowNumber, next.Position) : default);
        // released images are still pending: they have no result yet
        Assert.Equal(5, await store.GetPendingImagesAsync(requestId, default).CountAsync());
    }

    [SkippableFact]
    public async Task Release_keeps_each_origin_host_under_its_cap_and_lets_other_hosts_past()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        // six images of slow.example first, then two of fast.example
        var urls = Enumerable.Range(0, 6).Select(i => $"https://slow.example/{i}.jpg").Concat(["https://fast.example/a.jpg", "https://fast.example:8443/b.jpg"]);
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), OneProduct(requestId, urls), NoFailure, default));

        var released = await store.ReleaseImagesAsync(requestId, new DispatchWindow(6, new FixedOriginLimits(2, 2), Lease), default);

        Assert.Equal(
            ["https://slow.example/0.jpg", "https://slow.example/1.jpg", "https://fast.example/a.jpg", "https://fast.example:8443/b.jpg"],
            released.Select(i => i.SourceUrl));
    }

    [SkippableFact]
    public async Task An_origin_limit_holds_across_requests_and_each_request_takes_at_most_its_share()
    {
        var store = await CreateStoreAsync();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        var urls = Enumerable.Range(0, 6).Select(i => $"https://cdn.example/{i}.jpg").ToArray();
        foreach (var requestId in new[] { first, second, third })
        {
            Assert.True(await store.CreateRequestAsync(NewRequest(requestId), OneProduct(requestId, urls.Append("https://other.example/x.jpg")), NoFailure, default));
        }
        var shared = new FixedOriginLimits(limit: 5, requestShare: 3);

        var a = await store.ReleaseImagesAsync(first, new DispatchWindow(10, shared, Lease), default);
        var b = await store.ReleaseImagesAsync(second, new DispatchWindow(10, shared, Lease), default);
        var c = await store.ReleaseImagesAsync(third, new DispatchWindow(10, shared, Lease), default);

        // three of cdn.example for the first (its share), the two left of the origin's five for the second, none for
        // the third; every request's other origin goes past
        Assert.Equal(3, a.Count(i => i.SourceUrl.StartsWith("https://cdn.example/", StringComparison.Ordinal)));
        Assert.Equal(2, b.Count(i => i.SourceUrl.StartsWith("https://cdn.example/", StringComparison.Ordinal)));
        Assert.Equal(["https://other.example/x.jpg"], c.Select(i => i.SourceUrl));
        Assert.All(new[] { a, b }, released => Assert.Contains(released, i => i.SourceUrl == "https://other.example/x.jpg"));
    }

    [SkippableFact]
    public async Task An_origin_with_no_room_releases_nothing_of_it()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), OneProduct(requestId, ["https://paused.example/a.jpg", "https://paused.example/b.jpg"]), NoFailure, default));

        Assert.Empty(await store.ReleaseImagesAsync(requestId, new DispatchWindow(10, new FixedOriginLimits(0, 0), Lease), default));
        Assert.Equal(2, (await store.ReleaseImagesAsync(requestId, new DispatchWindow(10, new FixedOriginLimits(8, 8), Lease), default)).Count);
    }

    [SkippableFact]
    public async Task Concurrent_releases_never_release_one_image_twice()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 40, imagesPerRow: 1);

        var released = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => store.ReleaseImagesAsync(requestId, new DispatchWindow(5, new FixedOriginLimits(100, 100), Lease), default))))).SelectMany(r => r).ToList();

        Assert.Equal(released.Count, released.Select(i => i.ImageId).Distinct().Count());
        Assert.InRange(released.Count, 5, 40);
    }

    [SkippableFact]
    public async Task Nothing_is_released_for_a_request_that_is_not_processing()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(requestId), Products(requestId, 2, 1), () => "row 2: unreadable", default));

        Assert.Empty(await store.ReleaseImagesAsync(requestId, new DispatchWindow(4, new FixedOriginLimits(4, 4), Lease), default));
        Assert.Empty(await store.ReleaseImagesAsync(Guid.NewGuid(), new DispatchWindow(4, new FixedOriginLimits(4, 4), Lease), default));
    }

    [SkippableFact]
    public async Task A_lapsed_image_lease_is_claimed_once_renewed_and_counted_on_its_request()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 3, imagesPerRow: 1);
        var released = await store.ReleaseImagesAsync(requestId, new DispatchWindow(2, new FixedOriginLimits(8, 8), Lease), default);
        var later = Lease.AddSeconds(1);

        var early = await store.ClaimStalledAsync(Lease.AddSeconds(-1), later.AddMinutes(10), later.AddMinutes(2), 100, default);
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => store.ClaimStalledAsync(later, later.AddMinutes(10), later.AddMinutes(2), 100, default))));

        Assert.Empty(early.Images);
        var claimed = claims.SelectMany(c => c.Images).ToList();
        Assert.Equal(released.Select(i => i.ImageId).Order(), claimed.Select(i => i.ImageId).Order());
        Assert.Empty((await store.ClaimStalledAsync(later.AddMinutes(9), later, later, 100, default)).Images);
        Assert.Equal(2, (await store.GetRequestAsync(requestId, default))!.Redrives);
        // the unreleased third image is no one's to re-drive: it waits for room in the window
        Assert.DoesNotContain(claimed, i => i.RowNumber == 4);
    }

    [SkippableFact]
    public async Task An_exporting_request_past_its_lease_is_claimed_and_a_finished_one_until_notifier_acknowledges_it()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var exportLease = ResultAt.AddMinutes(2);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 2, 0)), exportLease, default);

        var exporting = await store.ClaimStalledAsync(exportLease.AddSeconds(1), LeaseUntil, exportLease.AddMinutes(5), 10, default);
        var completedAt = exportLease.AddMinutes(1);
        await Lifecycle(store).CompleteAsync(requestId, 1, "exports/a.csv", "http://gateway.test/a.csv", completedAt, completedAt.AddMinutes(2), default);
        var unacknowledged = await store.ClaimStalledAsync(completedAt.AddMinutes(3), LeaseUntil, completedAt.AddMinutes(10), 10, default);
        await store.MarkCompletionRecordedAsync(requestId, completedAt.AddMinutes(4), default);
        var acknowledged = await store.ClaimStalledAsync(completedAt.AddDays(1), LeaseUntil, completedAt.AddDays(2), 10, default);

        Assert.Equal((requestId, RequestStatuses.Exporting), Assert.Single(exporting.Requests) is var e ? (e.RequestId, e.Status) : default);
        Assert.Equal((requestId, RequestStatuses.Completed), Assert.Single(unacknowledged.Requests) is var u ? (u.RequestId, u.Status) : default);
        Assert.Empty(acknowledged.Requests);
        Assert.Equal(2, (await store.GetRequestAsync(requestId, default))!.Redrives);
    }

    [SkippableFact]
    public async Task A_request_that_fails_at_once_is_leased_for_its_acknowledgement()
    {
        var store = await CreateStoreAsync();
        var requestId = Guid.NewGuid();
        var request = NewRequest(requestId) with { LeaseUntil = RecordedAt.AddMinutes(2) };
        Assert.True(await store.CreateRequestAsync(request, Products(requestId, 1, 1), () => "row 2: unreadable", default));

        Assert.Empty((await store.ClaimStalledAsync(RecordedAt.AddMinutes(1), LeaseUntil, LeaseUntil, 10, default)).Requests);
        Assert.Equal(RequestStatuses.Failed, Assert.Single((await store.ClaimStalledAsync(RecordedAt.AddMinutes(3), LeaseUntil, LeaseUntil, 10, default)).Requests).Status);
    }

    [SkippableFact]
    public async Task Processing_requests_are_listed_oldest_first_for_the_sweep()
    {
        var store = await CreateStoreAsync();
        var older = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        var newer = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(newer) with { RecordedAt = RecordedAt.AddSeconds(5) }, Products(newer, 1, 1), NoFailure, default));
        var finished = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(finished, ImageIds.For(finished, 2, 0)), LeaseUntil, default);

        Assert.Equal([older, newer], await store.GetProcessingRequestsAsync(10, default));
    }

    [SkippableFact]
    public async Task List_pages_a_clients_requests_newest_first_filtered_by_status()
    {
        var store = await CreateStoreAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = Guid.NewGuid();
            Assert.True(await store.CreateRequestAsync(
                NewRequest(id) with { RecordedAt = RecordedAt.AddSeconds(i), ClientId = "client-a" }, Products(id, 1, 1), NoFailure, default));
            ids.Add(id);
        }
        var other = Guid.NewGuid();
        Assert.True(await store.CreateRequestAsync(NewRequest(other) with { ClientId = "client-b" }, Products(other, 1, 1), NoFailure, default));
        var anonymous = await CreateAsync(store, rows: 1, imagesPerRow: 1);
        await Lifecycle(store).RecordResultAsync(Succeeded(ids[1], ImageIds.For(ids[1], 2, 0)), LeaseUntil, default);

        var first = await store.ListRequestsAsync(new RequestQuery("client-a", null, null, 2), default);
        Assert.True(RequestCursor.TryDecode(first.NextCursor, out var cursor));
        var second = await store.ListRequestsAsync(new RequestQuery("client-a", null, cursor, 2), default);
        var exporting = await store.ListRequestsAsync(new RequestQuery("client-a", RequestStatuses.Exporting, null, 10), default);
        var none = await store.ListRequestsAsync(new RequestQuery(null, null, null, 10), default);

        Assert.Equal([ids[2], ids[1]], first.Requests.Select(r => r.RequestId));
        Assert.Equal([ids[0]], second.Requests.Select(r => r.RequestId));
        Assert.Null(second.NextCursor);
        Assert.Equal("client-a", second.Requests[0].ClientId);
        Assert.Equal([ids[1]], exporting.Requests.Select(r => r.RequestId));
        Assert.Equal([anonymous], none.Requests.Select(r => r.RequestId));
    }

    private static async IAsyncEnumerable<NewProduct> OneProduct(Guid requestId, IEnumerable<string> urls)
    {
        yield return new NewProduct(2, 1, "Product", [.. urls.Select((url, position) => new NewImage(ImageIds.For(requestId, 2, position), url))]);
        await Task.Yield();
    }
}
