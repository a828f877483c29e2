using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The filters and updates of a request's moves, of cancelling its images and of re-opening its failed ones.</summary>
internal static partial class MongoIngestDefinitions
{
    /// <summary>
    /// The request, only while it stands where the move starts from (status, and attempt when given) and no purge has
    /// claimed it: a retry's move from a finished status is refused once its purge began (<see cref="ClaimPurge"/>).
    /// </summary>
    public static FilterDefinition<MongoRequestDocument> MoveFrom(RequestMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var filter = RequestFilter.Eq(r => r.Id, move.RequestId) & RequestFilter.Eq(r => r.Status, move.From) & NotClaimedForPurge;
        return move.Attempt is { } attempt ? filter & RequestFilter.Eq(r => r.Attempt, attempt) : filter;
    }

    /// <summary>What the move writes, in the same step.</summary>
    public static UpdateDefinition<MongoRequestDocument> Move(RequestMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var update = RequestUpdate.Set(r => r.Status, move.To).Max(r => r.UpdatedAt, StoredTime.ToBson(move.At));
        if (move.Counts is { } counts)
        {
            update = update.Set(r => r.ImagesSucceeded, counts.Succeeded).Set(r => r.ImagesFailed, counts.Failed);
        }
        if (move.LeaseUntil is { } lease)
        {
            update = update.Set(r => r.LeaseUntil, StoredTime.ToBson(lease));
        }
        if (move.CancelledAt is { } cancelledAt)
        {
            update = update.Set(r => r.CancelledAt, StoredTime.ToBson(cancelledAt));
        }
        if (move.CompletedAt is { } completedAt)
        {
            update = update.Set(r => r.CompletedAt, StoredTime.ToBson(completedAt));
        }
        if (move.OutputCsvKey is { } key)
        {
            update = update.Set(r => r.OutputCsvKey, key);
        }
        if (move.OutputCsvUrl is { } url)
        {
            update = update.Set(r => r.OutputCsvUrl, url);
        }
        if (move.NewAttempt)
        {
            // a field the move also sets is not unset too: the server refuses an update that names one field in both
            // $set and $unset ("would create a conflict"), so what the move carries wins, on SQLite alike
            update = update.Inc(r => r.Attempt, 1).Set(r => r.RetryKey, move.RetryKey).Unset(r => r.CompletionRecordedAt);
            if (move.CompletedAt is null)
            {
                update = update.Unset(r => r.CompletedAt);
            }
            if (move.OutputCsvKey is null)
            {
                update = update.Unset(r => r.OutputCsvKey);
            }
            if (move.OutputCsvUrl is null)
            {
                update = update.Unset(r => r.OutputCsvUrl);
            }
            if (move.LeaseUntil is null)
            {
                update = update.Unset(r => r.LeaseUntil);
            }
        }
        if (move.TakesEventSequence)
        {
            update = update.Inc(r => r.EventSequence, 1);
        }
        return update;
    }

    public static UpdateDefinition<MongoImageDocument> CancelImage(DateTimeOffset at) =>
        ImageUpdate
            .Set(i => i.Status, ImageStatuses.Cancelled)
            .Set(i => i.ReasonCode, CancelledImage.ReasonCode)
            .Set(i => i.Reason, CancelledImage.Reason)
            .Set(i => i.CompletedAt, StoredTime.ToBson(at));

    /// <summary>A request's failed images, of the given reason codes only when some are given.</summary>
    public static FilterDefinition<MongoImageDocument> FailedImages(Guid requestId, IReadOnlyCollection<string>? reasonCodes)
    {
        var filter = ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Failed);
        return reasonCodes is { Count: > 0 } ? filter & ImageFilter.In(i => i.ReasonCode, reasonCodes) : filter;
    }

    public static UpdateDefinition<MongoImageDocument> ReopenImage() =>
        ImageUpdate.Combine(
            [
                ImageUpdate.Set(i => i.Status, ImageStatuses.Pending),
                ImageUpdate.Unset(i => i.LeaseUntil),
                .. MongoImageDocument.OutcomeElements(ImageOutcome.None).Select(e => ImageUpdate.Unset(e.Element)),
                ImageUpdate.Unset(i => i.CompletedAt),
            ]);
}
