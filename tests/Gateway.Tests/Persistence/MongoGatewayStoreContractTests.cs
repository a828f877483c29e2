using ImagePipeline.Gateway.Persistence;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// The gateway store contract on a real MongoDB (IMAGEPIPELINE_TEST_MONGODB or a container), each test in a database of
/// its own; skips with the reason where no MongoDB can be had.
/// </summary>
public sealed class MongoGatewayStoreContractTests : GatewayStoreContract, IAsyncLifetime
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<Func<IGatewayStore>> OpenStorageAsync()
    {
        var database = await _databases.OpenAsync("gateway");
        await new MongoGatewaySchema(database).CreateAsync(CancellationToken.None);
        return () => new MongoGatewayStore(database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _databases.DisposeAsync().AsTask();
}
