using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// The indexes of Ingest's MongoDB collections (<see cref="MongoIngestDefinitions"/>), made by the start-up step; the
/// unique ones are what makes re-inserting a request harmless, so the store needs them before its first write.
/// </summary>
public sealed class MongoIngestSchema(IMongoDatabase database) : IStoreSchema
{
    public string Name => "ingest (MongoDB)";

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await Collection<MongoProductDocument>(MongoIngestDefinitions.ProductsCollection).Indexes
            .CreateManyAsync(MongoIngestDefinitions.ProductIndexes, cancellationToken);
        await Collection<MongoImageDocument>(MongoIngestDefinitions.ImagesCollection).Indexes
            .CreateManyAsync(MongoIngestDefinitions.ImageIndexes, cancellationToken);
        await Collection<MongoRequestDocument>(MongoIngestDefinitions.RequestsCollection).Indexes
            .CreateManyAsync(MongoIngestDefinitions.RequestIndexes, cancellationToken);
        await Collection<MongoSourceVersionDocument>(MongoIngestDefinitions.SourceVersionsCollection).Indexes
            .CreateManyAsync(MongoIngestDefinitions.SourceVersionIndexes, cancellationToken);
    }

    private IMongoCollection<T> Collection<T>(string name) => database.GetCollection<T>(name);
}
