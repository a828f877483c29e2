using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.ServiceDefaults.Storage;

namespace ImagePipeline.Export.Tests.Persistence;

public sealed class SqliteExportStoreTests : IDisposable
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Finds_nothing_for_an_unknown_request()
    {
        var store = NewStore();

        Assert.Null(await store.FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Stores_and_finds_an_export()
    {
        var store = NewStore();
        var export = NewExport(Guid.NewGuid(), rowCount: 12);

        var stored = await store.AddIfAbsentAsync(export, CancellationToken.None);

        Assert.Equal(export, stored);
        Assert.Equal(export, await store.FindAsync(export.RequestId, CancellationToken.None));
    }

    [Fact]
    public async Task Keeps_the_first_export_of_a_request()
    {
        var store = NewStore();
        var requestId = Guid.NewGuid();
        var first = NewExport(requestId, rowCount: 3);

        await store.AddIfAbsentAsync(first, CancellationToken.None);
        var second = await store.AddIfAbsentAsync(first with { RowCount = 99, CreatedAt = CreatedAt.AddHours(1) }, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(first, await store.FindAsync(requestId, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_adds_agree_on_one_export()
    {
        var requestId = Guid.NewGuid();
        var attempts = Enumerable.Range(1, 8)
            .Select(i => NewStore().AddIfAbsentAsync(NewExport(requestId, rowCount: i), CancellationToken.None));

        var stored = await Task.WhenAll(attempts);

        Assert.Single(stored.Distinct());
        Assert.Equal(stored[0], await NewStore().FindAsync(requestId, CancellationToken.None));
    }

    [Fact]
    public async Task Survives_a_new_store_instance_on_the_same_file()
    {
        var export = NewExport(Guid.NewGuid(), rowCount: 5);
        await NewStore().AddIfAbsentAsync(export, CancellationToken.None);

        var reopened = await NewStore().FindAsync(export.RequestId, CancellationToken.None);

        Assert.Equal(export, reopened);
    }

    public void Dispose() => _directory.Dispose();

    // a new instance each time, so every one of them has to create (or find) the schema itself
    private SqliteExportStore NewStore() => new(new SqliteDatabase($"Data Source={_directory.Combine("export.db")}"));

    private static ExportRecord NewExport(Guid requestId, int rowCount) =>
        new(requestId, FileKey.ForExport(requestId), rowCount, CreatedAt);
}
