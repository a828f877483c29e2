using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// The indexes of the Notifier's deliveries (<see cref="MongoNotifierDefinitions.Indexes"/>), made by the start-up
/// step; the unique event index is what makes adding a delivery twice harmless, so the store needs it before its
/// first write.
/// </summary>
public sealed class MongoNotifierSchema(IMongoDatabase database) : IStoreSchema
{
    public string Name => "notifier (MongoDB)";

    public Task CreateAsync(CancellationToken cancellationToken) =>
        database.GetCollection<MongoDeliveryDocument>(MongoNotifierDefinitions.CollectionName).Indexes
            .CreateManyAsync(MongoNotifierDefinitions.Indexes, cancellationToken);
}
