using ImagePipeline.Contracts;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The compare-and-set steps <see cref="Lifecycle.RequestLifecycle"/> is made of, each one conditional write or count.</summary>
public sealed partial class MongoIngestStore
{
    public async Task<int> TryRecordResultAsync(ImageResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!await _images.Find(MongoIngestDefinitions.PendingImage(result.RequestId, result.ImageId)).AnyAsync(cancellationToken))
        {
            return 0;
        }
        // the slots that waited on this one first: a crash between the two writes leaves the image pending, and its
        // redelivered result records it then (the slots' live count is short by them until the request's recount)
        var served = await _images.UpdateManyAsync(
            MongoIngestDefinitions.WaitingOn(result.RequestId, result.ImageId),
            MongoIngestDefinitions.RecordResult(result with { Outcome = result.Outcome with { Reuse = ImageReuse.SameRequest } }),
            cancellationToken: cancellationToken);
        var update = await _images.UpdateOneAsync(
            MongoIngestDefinitions.PendingImage(result.RequestId, result.ImageId), MongoIngestDefinitions.RecordResult(result), cancellationToken: cancellationToken);
        if (update.ModifiedCount != 1)
        {
            return 0;
        }
        await RememberSourceAsync(result, cancellationToken);
        return 1 + checked((int)served.ModifiedCount);
    }

    public async Task<RequestRecord?> CountResultAsync(Guid requestId, bool succeeded, int slots, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = await _requests.FindOneAndUpdateAsync(
                MongoIngestDefinitions.ProcessingRequest(requestId), MongoIngestDefinitions.CountResult(succeeded, slots, at), ReturnAfter, cancellationToken)
            ?? await FindRequestAsync(requestId, cancellationToken);
        return request?.ToRecord();
    }

    public async Task<bool> HasPendingImagesAsync(Guid requestId, CancellationToken cancellationToken)
    {
        return await _images.CountDocumentsAsync(
            MongoIngestDefinitions.ImagesWithStatus(requestId, ImageStatuses.Pending), new CountOptions { Limit = 1 }, cancellationToken) > 0;
    }

    public async Task<ResultCounts> CountResultsAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var succeeded = await _images.CountDocumentsAsync(MongoIngestDefinitions.ImagesWithStatus(requestId, ImageStatuses.Succeeded), cancellationToken: cancellationToken);
        var failed = await _images.CountDocumentsAsync(MongoIngestDefinitions.ImagesWithStatus(requestId, ImageStatuses.Failed), cancellationToken: cancellationToken);
        return new ResultCounts(checked((int)succeeded), checked((int)failed));
    }

    public async Task<RequestRecord?> TryMoveAsync(RequestMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        var moved = await _requests.FindOneAndUpdateAsync(
            MongoIngestDefinitions.MoveFrom(move), MongoIngestDefinitions.Move(move), ReturnAfter, cancellationToken);
        return moved?.ToRecord();
    }

    public async Task CancelPendingImagesAsync(Guid requestId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _images.UpdateManyAsync(
            MongoIngestDefinitions.ImagesWithStatus(requestId, ImageStatuses.Pending), MongoIngestDefinitions.CancelImage(at), cancellationToken: cancellationToken);
    }

    public async Task<int> CountFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken)
    {
        return checked((int)await _images.CountDocumentsAsync(MongoIngestDefinitions.FailedImages(requestId, reasonCodes), cancellationToken: cancellationToken));
    }

    public async Task<int> ReopenFailedImagesAsync(Guid requestId, IReadOnlyCollection<string>? reasonCodes, CancellationToken cancellationToken)
    {
        var update = await _images.UpdateManyAsync(
            MongoIngestDefinitions.FailedImages(requestId, reasonCodes), MongoIngestDefinitions.ReopenImage(), cancellationToken: cancellationToken);
        return checked((int)update.ModifiedCount);
    }
}
