using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Retention on MongoDB, without a transaction: a purge first claims the finished request (one conditional update that
/// a retry's move refuses, so nothing can re-open it from then on), then deletes the children, and the request document
/// last, so a purge cut short leaves a finished, claimed request that a repeat (or the next sweep) finds and finishes;
/// the reverse order would leave children that nothing points to.
/// </summary>
public sealed partial class MongoIngestStore
{
    public async Task<IReadOnlyList<Guid>> GetExpiredRequestsAsync(DateTimeOffset finishedBefore, int max, CancellationToken cancellationToken)
    {
        return await _requests.Find(MongoIngestDefinitions.Expired(finishedBefore))
            .Sort(MongoIngestDefinitions.OldestCompletedFirst)
            .Limit(max)
            .Project(MongoIngestDefinitions.IdOnly)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> DeleteRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        // a check and then the deletes would let a retry re-open the request in between and keep it with no images
        var claimed = await _requests.UpdateOneAsync(
            MongoIngestDefinitions.PurgeableRequest(requestId), MongoIngestDefinitions.ClaimPurge, cancellationToken: cancellationToken);
        if (claimed.MatchedCount == 0)
        {
            return false;
        }
        await _images.DeleteManyAsync(MongoIngestDefinitions.ImagesOf(requestId), cancellationToken);
        await _products.DeleteManyAsync(MongoIngestDefinitions.ProductsOf(requestId), cancellationToken);
        // zero: a concurrent purge of the same request deleted it first
        var deleted = await _requests.DeleteOneAsync(MongoIngestDefinitions.ClaimedForPurge(requestId), cancellationToken);
        return deleted.DeletedCount > 0;
    }
}
