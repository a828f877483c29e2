using ImagePipeline.Contracts;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The filters and updates of cancelling a request and re-opening its failed images.</summary>
internal static class MongoLifecycleQueries
{
    private static readonly FilterDefinitionBuilder<MongoRequestDocument> RequestFilter = Builders<MongoRequestDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoRequestDocument> RequestUpdate = Builders<MongoRequestDocument>.Update;
    private static readonly FilterDefinitionBuilder<MongoImageDocument> ImageFilter = Builders<MongoImageDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoImageDocument> ImageUpdate = Builders<MongoImageDocument>.Update;

    public static UpdateDefinition<MongoRequestDocument> Cancel(DateTimeOffset at, DateTimeOffset leaseUntil) =>
        RequestUpdate
            .Set(r => r.Status, RequestStatuses.Exporting)
            .Set(r => r.CancelledAt, at)
            .Set(r => r.LeaseUntil, leaseUntil)
            .Max(r => r.UpdatedAt, at);

    public static UpdateDefinition<MongoImageDocument> CancelImage(DateTimeOffset at) =>
        ImageUpdate
            .Set(i => i.Status, ImageStatuses.Cancelled)
            .Set(i => i.ReasonCode, CancelledImage.ReasonCode)
            .Set(i => i.Reason, CancelledImage.Reason)
            .Set(i => i.CompletedAt, at);

    /// <summary>A request's failed images, of the given reason codes only when some are given.</summary>
    public static FilterDefinition<MongoImageDocument> FailedImages(Guid requestId, IReadOnlyCollection<string>? reasonCodes)
    {
        var filter = ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Failed);
        return reasonCodes is { Count: > 0 } ? filter & ImageFilter.In(i => i.ReasonCode, reasonCodes) : filter;
    }

    /// <summary>The request, only while this finished attempt stands: of two retries at once, one re-opens it.</summary>
    public static FilterDefinition<MongoRequestDocument> FinishedAttempt(Guid requestId, int attempt) =>
        RequestFilter.Eq(r => r.Id, requestId)
        & RequestFilter.In(r => r.Status, [RequestStatuses.Completed, RequestStatuses.CompletedWithErrors])
        & RequestFilter.Eq(r => r.Attempt, attempt);

    public static UpdateDefinition<MongoRequestDocument> Reopen(int images, string? retryKey, DateTimeOffset at) =>
        RequestUpdate
            .Set(r => r.Status, RequestStatuses.Processing)
            .Inc(r => r.Attempt, 1)
            .Inc(r => r.ImagesFailed, -images)
            .Set(r => r.RetryKey, retryKey)
            .Unset(r => r.CompletedAt)
            .Unset(r => r.OutputCsvKey)
            .Unset(r => r.OutputCsvUrl)
            .Unset(r => r.LeaseUntil)
            .Unset(r => r.CompletionRecordedAt)
            .Max(r => r.UpdatedAt, at);

    public static UpdateDefinition<MongoImageDocument> ReopenImage() =>
        ImageUpdate
            .Set(i => i.Status, ImageStatuses.Pending)
            .Unset(i => i.LeaseUntil)
            .Unset(i => i.OutputKey)
            .Unset(i => i.OutputUrl)
            .Unset(i => i.BytesIn)
            .Unset(i => i.BytesOut)
            .Unset(i => i.Width)
            .Unset(i => i.Height)
            .Unset(i => i.Format)
            .Unset(i => i.SourceQuality)
            .Unset(i => i.OutputQuality)
            .Unset(i => i.ReasonCode)
            .Unset(i => i.Reason)
            .Unset(i => i.WorkerId)
            .Unset(i => i.CompletedAt);
}
