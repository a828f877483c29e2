using ImagePipeline.Export.Persistence;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>
/// What every <see cref="IExportStore"/> promises, written once and run against each backend by a subclass.
/// </summary>
public abstract partial class ExportStoreContract
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    /// <summary>
    /// Fresh, empty storage. Each call of the returned factory opens another store instance on it, as another replica
    /// of the service would; a backend that cannot be had here skips the test.
    /// </summary>
    protected abstract Task<Func<IExportStore>> OpenStorageAsync();

    [SkippableFact]
    public async Task Finds_nothing_for_an_unknown_request()
    {
        var store = (await OpenStorageAsync())();

        Assert.Null(await store.FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Reads_back_what_was_written_from_any_instance()
    {
        var replicas = await OpenStorageAsync();
        var export = NewExport(Guid.NewGuid(), rowCount: 12);

        var stored = await replicas().AddIfAbsentAsync(export, CancellationToken.None);

        Assert.Equal(export, stored);
        Assert.Equal(export, await replicas().FindAsync(export.RequestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_later_attempt_replaces_the_export_and_an_earlier_one_does_not()
    {
        var store = (await OpenStorageAsync())();
        var first = NewExport(Guid.NewGuid(), rowCount: 12);
        await store.AddIfAbsentAsync(first, CancellationToken.None);
        var retry = first with { RowCount = 13, Attempt = 2 };

        var replaced = await store.AddIfAbsentAsync(retry, CancellationToken.None);
        var late = await store.AddIfAbsentAsync(first with { RowCount = 99 }, CancellationToken.None);

        Assert.Equal(retry, replaced);
        Assert.Equal(retry, late);
        Assert.Equal(retry, await store.FindAsync(first.RequestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Keeps_the_first_export_of_a_request()
    {
        var store = (await OpenStorageAsync())();
        var first = NewExport(Guid.NewGuid(), rowCount: 3);

        await store.AddIfAbsentAsync(first, CancellationToken.None);
        var second = await store.AddIfAbsentAsync(first with { FileKey = "exports/other.csv", RowCount = 99, CreatedAt = CreatedAt.AddHours(1) }, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first, await store.FindAsync(first.RequestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Ten_concurrent_adds_agree_on_one_export()
    {
        var replicas = await OpenStorageAsync();
        var requestId = Guid.NewGuid();
        var candidates = Enumerable.Range(1, 10).Select(rowCount => NewExport(requestId, rowCount)).ToArray();

        var stored = await Task.WhenAll(candidates.Select(export =>
            Task.Run(() => replicas().AddIfAbsentAsync(export, CancellationToken.None))));

        var winner = Assert.Single(stored.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await replicas().FindAsync(requestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Exports_of_different_requests_are_kept_apart()
    {
        var store = (await OpenStorageAsync())();
        var first = NewExport(Guid.NewGuid(), rowCount: 1);
        var second = NewExport(Guid.NewGuid(), rowCount: 2);

        await store.AddIfAbsentAsync(first, CancellationToken.None);
        await store.AddIfAbsentAsync(second, CancellationToken.None);

        Assert.Equal(first, await store.FindAsync(first.RequestId, CancellationToken.None));
        Assert.Equal(second, await store.FindAsync(second.RequestId, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Times_come_back_as_the_same_instant_in_utc()
    {
        var store = (await OpenStorageAsync())();
        var export = NewExport(Guid.NewGuid(), rowCount: 4) with { CreatedAt = new DateTimeOffset(2025, 6, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)) };

        await store.AddIfAbsentAsync(export, CancellationToken.None);
        var stored = await store.FindAsync(export.RequestId, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(export.CreatedAt.UtcDateTime, stored.CreatedAt.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
    }

    private static ExportRecord NewExport(Guid requestId, int rowCount) =>
        new(requestId, FileKey.ForExport(requestId), rowCount, CreatedAt);
}
