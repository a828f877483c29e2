using ImagePipeline.Notifier.Persistence;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>
/// The notifier store contract on a real MongoDB (IMAGEPIPELINE_TEST_MONGODB or a container), each test in a database of
/// its own; skips with the reason where no MongoDB can be had.
/// </summary>
public sealed class MongoNotifierStoreContractTests : NotifierStoreContract, IAsyncLifetime
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<Func<INotifierStore>> OpenStorageAsync()
    {
        var database = await _databases.OpenAsync("notifier");
        await new MongoNotifierSchema(database).CreateAsync(CancellationToken.None);
        return () => new MongoNotifierStore(database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
