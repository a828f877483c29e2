using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// The indexes of the gateway's idempotency keys (<see cref="MongoGatewayDefinitions.IdempotencyIndexes"/>: the unique
/// (owner, key) one that decides racing attempts, and the TTL one), made by the start-up step. Request owners need only
/// <c>_id</c>, which MongoDB makes with the collection.
/// </summary>
public sealed class MongoGatewaySchema(IMongoDatabase database) : IStoreSchema
{
    public string Name => "gateway (MongoDB)";

    public Task CreateAsync(CancellationToken cancellationToken) =>
        database.GetCollection<MongoIdempotencyDocument>(MongoGatewayDefinitions.IdempotencyCollectionName).Indexes
            .CreateManyAsync(MongoGatewayDefinitions.IdempotencyIndexes, cancellationToken);
}
