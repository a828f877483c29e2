using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The products API's filters and a running request's activity, on every backend.</summary>
public abstract partial class IngestStoreContract
{
    [SkippableFact]
    public async Task Products_filter_by_an_image_status_and_page_after_a_row()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 5, imagesPerRow: 2);
        // rows 3 and 5 have one failed image each, row 4 a succeeded one
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 3, 1)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, 5, 0)), LeaseUntil, default);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, 4, 0)), LeaseUntil, default);

        var failed = await store.FindProductsAsync(requestId, new ProductQuery(0, ImageStatuses.Failed), default).ToListAsync();
        var failedAfter3 = await store.FindProductsAsync(requestId, new ProductQuery(3, ImageStatuses.Failed), default).ToListAsync();
        var all = await store.FindProductsAsync(requestId, new ProductQuery(2), default).ToListAsync();

        Assert.Equal([3, 5], failed.Select(p => p.RowNumber));
        // a product is listed whole: its other images too, whatever their status
        Assert.Equal([ImageStatuses.Pending, ImageStatuses.Failed], failed[0].Images.Select(i => i.Status));
        Assert.Equal([5], failedAfter3.Select(p => p.RowNumber));
        Assert.Equal([3, 4, 5, 6], all.Select(p => p.RowNumber));
    }

    [SkippableFact]
    public async Task Products_with_a_failed_image_page_in_row_order_when_many_images_of_the_request_failed()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 30, imagesPerRow: 2);
        // every third row (4, 7, …, 31) has its second image failed, every other row (2, 4, …) its first succeeded
        var failedRows = Enumerable.Range(2, 30).Where(row => row % 3 == 1).ToArray();
        foreach (var row in failedRows)
        {
            await Lifecycle(store).RecordResultAsync(Failed(requestId, ImageIds.For(requestId, row, 1)), LeaseUntil, default);
        }
        foreach (var row in Enumerable.Range(2, 30).Where(row => row % 2 == 0))
        {
            await Lifecycle(store).RecordResultAsync(Succeeded(requestId, ImageIds.For(requestId, row, 0)), LeaseUntil, default);
        }

        var firstPage = await store.FindProductsAsync(requestId, new ProductQuery(0, ImageStatuses.Failed), default).Take(4).ToListAsync();
        var rest = await store.FindProductsAsync(requestId, new ProductQuery(firstPage[^1].RowNumber, ImageStatuses.Failed), default).ToListAsync();
        var succeeded = await store.FindProductsAsync(requestId, new ProductQuery(10, ImageStatuses.Succeeded), default).ToListAsync();

        Assert.Equal(failedRows.Take(4), firstPage.Select(p => p.RowNumber));
        Assert.Equal(failedRows.Skip(4), rest.Select(p => p.RowNumber));
        Assert.All(rest, p => Assert.Equal(ImageStatuses.Failed, p.Images[1].Status));
        Assert.Equal(Enumerable.Range(11, 21).Where(row => row % 2 == 0), succeeded.Select(p => p.RowNumber));
    }

    [SkippableFact]
    public async Task Products_are_found_by_part_of_their_name_or_by_row_or_serial_number()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 12, imagesPerRow: 1);

        async Task<IEnumerable<int>> Find(string search, int after = 0) =>
            (await store.FindProductsAsync(requestId, new ProductQuery(after, Search: search), default).ToListAsync()).Select(p => p.RowNumber);

        // names are "Product 2" … "Product 13", serial numbers 101 … 112
        Assert.Equal([10, 11, 12, 13], await Find("product 1"));
        Assert.Equal([11, 12, 13], await Find("PRODUCT 1", after: 10));
        Assert.Equal([7], await Find("106"));
        Assert.Equal([7], await Find("7"));
        Assert.Empty(await Find("no such"));
        // a search for a LIKE or regex pattern is taken literally
        Assert.Empty(await Find("%"));
        Assert.Empty(await Find(".*"));
    }

    [SkippableFact]
    public async Task Activity_counts_images_in_flight_and_results_since_a_time()
    {
        var store = await CreateStoreAsync();
        var requestId = await CreateAsync(store, rows: 4, imagesPerRow: 1);
        var released = await store.ReleaseImagesAsync(requestId, new DispatchWindow(3, new FixedOriginLimits(8, 8), LeaseUntil), default);
        await Lifecycle(store).RecordResultAsync(Succeeded(requestId, released[0].ImageId), LeaseUntil, default);

        var before = await store.GetActivityAsync(requestId, ResultAt.AddSeconds(-1), default);
        var after = await store.GetActivityAsync(requestId, ResultAt.AddSeconds(1), default);

        // three released, one of them done; the fourth image was never released
        Assert.Equal(new RequestActivity(InFlight: 2, DoneSince: 1), before);
        Assert.Equal(new RequestActivity(InFlight: 2, DoneSince: 0), after);
    }
}
