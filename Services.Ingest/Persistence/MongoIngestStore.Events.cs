using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The request's webhook events: its sequence, and the claim of a progress event, each one conditional update.</summary>
public sealed partial class MongoIngestStore
{
    public async Task<RequestRecord?> ClaimProgressAsync(Guid requestId, DateTimeOffset now, DateTimeOffset lastSentBefore, CancellationToken cancellationToken)
    {
        var claimed = await _requests.FindOneAndUpdateAsync(
            MongoIngestDefinitions.ProgressDue(requestId, lastSentBefore), MongoIngestDefinitions.ClaimProgress(now), ReturnAfter, cancellationToken);
        return claimed?.ToRecord();
    }

    public async Task<long?> NextEventSequenceAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await _requests.FindOneAndUpdateAsync(
            MongoIngestDefinitions.RequestById(requestId), MongoIngestDefinitions.NextEventSequence(), ReturnAfter, cancellationToken);
        return request?.EventSequence;
    }

    public async Task<ImageRecord?> GetImageAsync(Guid requestId, Guid imageId, CancellationToken cancellationToken)
    {
        var image = await _images.Find(MongoIngestDefinitions.Image(requestId, imageId)).FirstOrDefaultAsync(cancellationToken);
        return image?.ToRecord();
    }
}
