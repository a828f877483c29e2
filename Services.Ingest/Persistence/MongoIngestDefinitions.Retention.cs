using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>The filters, sort and projection of retention and purge (the index is in <c>RequestIndexes</c>).</summary>
internal static partial class MongoIngestDefinitions
{
    /// <summary>Every status a request can be purged in: the final ones, Cancelled included.</summary>
    public static readonly string[] PurgeableStatuses =
        [RequestStatuses.Completed, RequestStatuses.CompletedWithErrors, RequestStatuses.Failed, RequestStatuses.Cancelled];

    /// <summary>Finished requests whose completion is before the cutoff (the one place the cutoff meets the stored time).</summary>
    public static FilterDefinition<MongoRequestDocument> Expired(DateTimeOffset finishedBefore) =>
        RequestFilter.Lt(r => r.CompletedAt, StoredTime.ToBson(finishedBefore)) & RequestFilter.In(r => r.Status, PurgeableStatuses);

    public static SortDefinition<MongoRequestDocument> OldestCompletedFirst { get; } =
        Builders<MongoRequestDocument>.Sort.Ascending(r => r.CompletedAt);

    public static ProjectionDefinition<MongoRequestDocument, Guid> IdOnly { get; } =
        Builders<MongoRequestDocument>.Projection.Expression(r => r.Id);

    /// <summary>The request, only while it is finished: a request a retry re-opened is not purged.</summary>
    public static FilterDefinition<MongoRequestDocument> PurgeableRequest(Guid requestId) =>
        RequestFilter.Eq(r => r.Id, requestId) & RequestFilter.In(r => r.Status, PurgeableStatuses);

    /// <summary>
    /// Claims a finished request for its purge (written with <see cref="PurgeableRequest"/>, so only while it is
    /// finished). Claiming again is harmless: a purge cut short is finished by the next one.
    /// </summary>
    public static UpdateDefinition<MongoRequestDocument> ClaimPurge { get; } = Builders<MongoRequestDocument>.Update.Set(r => r.Purging, true);

    /// <summary>The request, only once a purge claimed it: what the purge deletes last.</summary>
    public static FilterDefinition<MongoRequestDocument> ClaimedForPurge(Guid requestId) =>
        RequestFilter.Eq(r => r.Id, requestId) & RequestFilter.Eq(r => r.Purging, true);

    /// <summary>What every move requires besides where it starts: no purge has claimed the request.</summary>
    private static FilterDefinition<MongoRequestDocument> NotClaimedForPurge { get; } = Builders<MongoRequestDocument>.Filter.Ne(r => r.Purging, true);
}
