using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Retention on MongoDB, without a transaction: a purge deletes the children first and the request document last, so a
/// purge cut short leaves a finished request that a repeat (or the next sweep) finds and finishes; the reverse order
/// would leave children that nothing points to.
/// </summary>
public sealed partial class MongoIngestStore
{
    public async Task<IReadOnlyList<Guid>> GetExpiredRequestsAsync(DateTimeOffset finishedBefore, int max, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync();
        return await _requests.Find(MongoIngestDefinitions.Expired(finishedBefore))
            .Sort(MongoIngestDefinitions.OldestCompletedFirst)
            .Limit(max)
            .Project(MongoIngestDefinitions.IdOnly)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> DeleteRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync();
        if (!await _requests.Find(MongoIngestDefinitions.PurgeableRequest(requestId)).AnyAsync(cancellationToken))
        {
            return false;
        }
        await _images.DeleteManyAsync(MongoIngestDefinitions.ImagesOf(requestId), cancellationToken);
        await _products.DeleteManyAsync(MongoIngestDefinitions.ProductsOf(requestId), cancellationToken);
        var deleted = await _requests.DeleteOneAsync(MongoIngestDefinitions.PurgeableRequest(requestId), cancellationToken);
        return deleted.DeletedCount > 0;
    }
}
