using ImagePipeline.Ingest.Persistence;
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

    /// <summary>A new database with the store's indexes made, as the service's start-up step does.</summary>
    public static async Task<MongoIngestTestDatabase> CreateAsync()
    {
        var database = new MongoIngestTestDatabase(await MongoTestServer.ConnectionStringForNewDatabaseAsync("ingest"));
        await new MongoIngestSchema(database.Database).CreateAsync(CancellationToken.None);
        return database;
    }

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
