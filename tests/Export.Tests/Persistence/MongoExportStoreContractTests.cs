using ImagePipeline.Export.Persistence;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>
/// The export store contract on a real MongoDB (IMAGEPIPELINE_TEST_MONGODB or a container), each test in a database of
/// its own; skips with the reason where no MongoDB can be had.
/// </summary>
public sealed class MongoExportStoreContractTests : ExportStoreContract, IAsyncLifetime
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<Func<IExportStore>> OpenStorageAsync()
    {
        var database = await _databases.OpenAsync("export");
        await new MongoExportSchema().CreateAsync(CancellationToken.None);
        return () => new MongoExportStore(database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
