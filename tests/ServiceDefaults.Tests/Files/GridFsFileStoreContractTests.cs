using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.TestSupport.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Tests.Files;

/// <summary>
/// The file store contract on GridFS, in a fresh database of a real MongoDB where one exists; elsewhere every test
/// skips with the reason (the skip raised while the store is created counts for the test).
/// </summary>
public sealed class GridFsFileStoreContractTests : FileStoreContract
{
    private IMongoClient? _client;
    private IMongoDatabase? _database;

    protected override async Task<IFileStore> CreateStoreAsync()
    {
        var url = MongoUrl.Create(await MongoTestServer.ConnectionStringForNewDatabaseAsync("files"));
        _client = new MongoClient(url);
        _database = _client.GetDatabase(url.DatabaseName);
        return new GridFsFileStore(_database);
    }

    protected override async Task<int> CopiesOfAsync(string key)
    {
        var files = _database!.GetCollection<BsonDocument>($"{GridFsFileStore.DefaultBucketName}.files");
        return (int)await files.CountDocumentsAsync(new BsonDocument("filename", key));
    }

    protected override async Task CleanUpAsync()
    {
        if (_client is not null && _database is not null)
        {
            await _client.DropDatabaseAsync(_database.DatabaseNamespace.DatabaseName);
        }
        _client?.Dispose();
    }
}
