using ImagePipeline.Storage.Files;
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

    [SkippableFact]
    public async Task A_save_from_a_machine_whose_clock_runs_ahead_does_not_outlive_a_later_save()
    {
        const string key = "exports/skewed.csv";
        await Store.SaveAsync(key, new MemoryStream("attempt 1"u8.ToArray()), default);
        // the first saver's clock ran an hour ahead: its revision's uploadDate (written by the driver) is the later one
        var files = _database!.GetCollection<BsonDocument>($"{GridFsFileStore.DefaultBucketName}.files");
        await files.UpdateManyAsync(new BsonDocument("filename", key), new BsonDocument("$set", new BsonDocument("uploadDate", DateTime.UtcNow.AddHours(1))));

        await Store.SaveAsync(key, new MemoryStream("attempt 2"u8.ToArray()), default);

        await using var file = await Store.OpenReadAsync(key, default);
        using var reader = new StreamReader(file!.Content);
        Assert.Equal("attempt 2", await reader.ReadToEndAsync());
        Assert.Equal(1, await CopiesOfAsync(key));
    }

    [SkippableFact]
    public async Task A_revision_saved_before_revisions_were_numbered_loses_to_a_numbered_one()
    {
        const string key = "exports/legacy.csv";
        var bucket = new MongoDB.Driver.GridFS.GridFSBucket(_database);
        await Store.SaveAsync(key, new MemoryStream("numbered"u8.ToArray()), default);
        // an older version of the store uploaded without a number, from a clock ahead of this one
        await bucket.UploadFromBytesAsync(key, "legacy"u8.ToArray());
        var files = _database!.GetCollection<BsonDocument>($"{GridFsFileStore.DefaultBucketName}.files");
        await files.UpdateManyAsync(
            new BsonDocument { { "filename", key }, { "metadata", new BsonDocument("$exists", false) } },
            new BsonDocument("$set", new BsonDocument("uploadDate", DateTime.UtcNow.AddHours(1))));

        await using var file = await Store.OpenReadAsync(key, default);

        using var reader = new StreamReader(file!.Content);
        Assert.Equal("numbered", await reader.ReadToEndAsync());
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
