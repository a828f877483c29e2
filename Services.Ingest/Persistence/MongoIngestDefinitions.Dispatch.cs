using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// The filters and updates of releasing images in windows, of the reconciler's claims and of the request list, in one
/// place so tests can render each and check what its conditional write depends on.
/// </summary>
internal static partial class MongoIngestDefinitions
{
    // Cancelled too: a cancelled request is announced (request.cancelled) and acknowledged like any finished one
    public static readonly string[] FinalStatuses = [RequestStatuses.Completed, RequestStatuses.CompletedWithErrors, RequestStatuses.Failed, RequestStatuses.Cancelled];

    /// <summary>A request's images out with the workers: pending, with a lease.</summary>
    public static FilterDefinition<MongoImageDocument> ReleasedImagesOf(Guid requestId) =>
        ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending) & ImageFilter.Ne(i => i.LeaseUntil, null);

    /// <summary>Every request's images out with the workers from one origin (its pace is a limit across requests).</summary>
    public static FilterDefinition<MongoImageDocument> ReleasedImagesFrom(string origin) =>
        ImageFilter.Eq(i => i.Host, origin) & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending) & ImageFilter.Ne(i => i.LeaseUntil, null);

    /// <summary>A request's images not released yet (an absent lease matches null).</summary>
    public static FilterDefinition<MongoImageDocument> UnreleasedImagesOf(Guid requestId) =>
        ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending) & ImageFilter.Eq(i => i.LeaseUntil, null)
        & ImageFilter.Eq(i => i.LeaderId, null);

    /// <summary>The image, only while it is pending and unreleased: the one write that decides who releases it.</summary>
    public static FilterDefinition<MongoImageDocument> UnreleasedImage(Guid imageId) =>
        ImageFilter.Eq(i => i.Id, imageId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending) & ImageFilter.Eq(i => i.LeaseUntil, null);

    public static FilterDefinition<MongoImageDocument> ExpiredImage(DateTimeOffset now) =>
        ImageFilter.Eq(i => i.Status, ImageStatuses.Pending) & ImageFilter.Ne(i => i.LeaseUntil, null) & ImageFilter.Lt(i => i.LeaseUntil, StoredTime.ToBson(now));

    public static UpdateDefinition<MongoImageDocument> Lease(DateTimeOffset leaseUntil) =>
        ImageUpdate.Set(i => i.LeaseUntil, StoredTime.ToBson(leaseUntil)).Inc(i => i.Attempts, 1);

    public static FilterDefinition<MongoRequestDocument> ExpiredRequest(DateTimeOffset now) =>
        RequestFilter.Ne(r => r.LeaseUntil, null) & RequestFilter.Lt(r => r.LeaseUntil, StoredTime.ToBson(now));

    public static UpdateDefinition<MongoRequestDocument> Redrive(DateTimeOffset leaseUntil) =>
        RequestUpdate.Set(r => r.LeaseUntil, StoredTime.ToBson(leaseUntil)).Inc(r => r.Redrives, 1);

    public static UpdateDefinition<MongoRequestDocument> CountRedrive() => RequestUpdate.Inc(r => r.Redrives, 1);

    public static FilterDefinition<MongoRequestDocument> Processing { get; } = RequestFilter.Eq(r => r.Status, RequestStatuses.Processing);

    public static SortDefinition<MongoRequestDocument> OldestFirst { get; } = Builders<MongoRequestDocument>.Sort.Ascending(r => r.RecordedAt);

    public static FilterDefinition<MongoRequestDocument> FinishedRequest(Guid requestId) =>
        RequestFilter.Eq(r => r.Id, requestId) & RequestFilter.In(r => r.Status, FinalStatuses);

    public static UpdateDefinition<MongoRequestDocument> CompletionRecorded(DateTimeOffset at) =>
        RequestUpdate.Set(r => r.CompletionRecordedAt, StoredTime.ToBson(at)).Unset(r => r.LeaseUntil);

    /// <summary>The list's filter: one client's requests (absent client matches null), a status, after a cursor.</summary>
    public static FilterDefinition<MongoRequestDocument> List(RequestQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = RequestFilter.Eq(r => r.ClientId, query.ClientId);
        if (query.Status is not null)
        {
            filter &= RequestFilter.Eq(r => r.Status, query.Status);
        }
        if (query.Cursor is { } cursor)
        {
            filter &= RequestFilter.Lt(r => r.RecordedAt, StoredTime.ToBson(cursor.RecordedAt))
                | (RequestFilter.Eq(r => r.RecordedAt, StoredTime.ToBson(cursor.RecordedAt)) & RequestFilter.Lt(r => r.Id, cursor.RequestId));
        }
        return filter;
    }

    public static SortDefinition<MongoRequestDocument> NewestFirst { get; } =
        Builders<MongoRequestDocument>.Sort.Descending(r => r.RecordedAt).Descending(r => r.Id);
}
