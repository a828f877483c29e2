using ImagePipeline.Gateway.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// The gateway store contract on a real MongoDB (IMAGEPIPELINE_TEST_MONGODB or a container), each test in a database of
/// its own; skips with the reason where no MongoDB can be had.
/// </summary>
public sealed class MongoGatewayStoreContractTests : GatewayStoreContract, IAsyncLifetime
{
    private readonly List<(MongoClient Client, string Database)> _opened = [];

    protected override async Task<Func<IGatewayStore>> OpenStorageAsync()
    {
        var url = MongoUrl.Create(await MongoTestServer.ConnectionStringForNewDatabaseAsync("gateway"));
        var client = new MongoClient(url);
        _opened.Add((client, url.DatabaseName));
        var database = client.GetDatabase(url.DatabaseName);
        return () => new MongoGatewayStore(database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (client, database) in _opened)
        {
            try
            {
                await client.DropDatabaseAsync(database);
            }
            catch (MongoException)
            {
                // a database left behind must not hide the test's own result
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
