using MongoDB.Driver;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// Fresh databases on <see cref="MongoTestServer"/>, one per call, dropped when disposed. Opening one skips the calling
/// <c>[SkippableFact]</c> where no MongoDB can be had.
/// </summary>
public sealed class MongoTestDatabases : IAsyncDisposable
{
    private readonly List<(MongoClient Client, string Database)> _opened = [];

    public async Task<IMongoDatabase> OpenAsync(string prefix)
    {
        var url = MongoUrl.Create(await MongoTestServer.ConnectionStringForNewDatabaseAsync(prefix));
        var client = new MongoClient(url);
        _opened.Add((client, url.DatabaseName));
        return client.GetDatabase(url.DatabaseName);
    }

    public async ValueTask DisposeAsync()
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
