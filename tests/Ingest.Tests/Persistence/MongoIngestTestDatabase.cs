using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>A fresh database on the test MongoDB, dropped afterwards; creating one skips the test where there is no server.</summary>
public sealed class MongoIngestTestDatabase : IAsyncDisposable
{
    private readonly MongoClient _client;

    private MongoIngestTestDatabase(string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        _client = new MongoClient(url);
        Database = _client.GetDatabase(url.DatabaseName);
    }

    public IMongoDatabase Database { get; }

    public static async Task<MongoIngestTestDatabase> CreateAsync() =>
        new(await MongoTestServer.ConnectionStringForNewDatabaseAsync("ingest"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DropDatabaseAsync(Database.DatabaseNamespace.DatabaseName);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
