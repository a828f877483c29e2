using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The store contract on a real MongoDB: the one in IMAGEPIPELINE_TEST_MONGODB, or a container; skipped without either.</summary>
public sealed class MongoIngestStoreContractTests : IngestStoreContract, IAsyncLifetime
{
    private MongoIngestTestDatabase? _database;

    protected override async Task<IIngestStore> CreateStoreAsync()
    {
        _database = await MongoIngestTestDatabase.CreateAsync();
        return new MongoIngestStore(_database.Database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
