using ImagePipeline.Storage;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>Reuse: the client's remembered source versions, the slots that wait on another, and who still uses an output.</summary>
internal static partial class MongoIngestDefinitions
{
    public const string SourceVersionsCollection = "sourceVersions";

    private static readonly FilterDefinitionBuilder<MongoSourceVersionDocument> VersionFilter = Builders<MongoSourceVersionDocument>.Filter;

    public static IReadOnlyList<CreateIndexModel<MongoSourceVersionDocument>> SourceVersionIndexes { get; } =
    [
        new(Builders<MongoSourceVersionDocument>.IndexKeys.Ascending(v => v.ClientKey).Ascending(v => v.SourceUrl),
            new CreateIndexOptions { Name = "client_url", Unique = true }),
        // a purge forgets the versions that offer an output it deletes
        new(Builders<MongoSourceVersionDocument>.IndexKeys.Ascending(v => v.OutputKey), new CreateIndexOptions { Name = "outputKey" }),
    ];

    public static FilterDefinition<MongoSourceVersionDocument> SourceVersion(string clientKey, string sourceUrl) =>
        VersionFilter.Eq(v => v.ClientKey, clientKey) & VersionFilter.Eq(v => v.SourceUrl, sourceUrl);

    public static FilterDefinition<MongoSourceVersionDocument> VersionsOffering(string outputKey) => VersionFilter.Eq(v => v.OutputKey, outputKey);

    /// <summary>The pending slots of a request that wait on the slot <paramref name="leaderId"/> of the same URL.</summary>
    public static FilterDefinition<MongoImageDocument> WaitingOn(Guid requestId, Guid leaderId) =>
        ImageFilter.Eq(i => i.LeaderId, leaderId) & ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Status, ImageStatuses.Pending);

    /// <summary>Images of other requests that use the output, as theirs or as the one they were offered.</summary>
    public static FilterDefinition<MongoImageDocument> UsersOf(string outputKey, Guid exceptRequestId) =>
        (ImageFilter.Eq(i => i.OutputKey, outputKey) | ImageFilter.Eq(i => i.ReuseKey, outputKey)) & ImageFilter.Ne(i => i.RequestId, exceptRequestId);

    public static FilterDefinition<MongoImageDocument> ImageById(Guid imageId) => ImageFilter.Eq(i => i.Id, imageId);

    public static FilterDefinition<MongoImageDocument> ReusedOf(Guid requestId, string kind) =>
        ImageFilter.Eq(i => i.RequestId, requestId) & ImageFilter.Eq(i => i.Reuse, kind);

    public static UpdateDefinition<MongoImageDocument> OfferReuse(string outputKey) => ImageUpdate.Set(i => i.ReuseKey, outputKey);

    public static UpdateDefinition<MongoImageDocument> WithdrawReuse() => ImageUpdate.Unset(i => i.ReuseKey);

    public static MongoSourceVersionDocument Remembered(string clientKey, string sourceUrl, ImageResult result) => new()
    {
        ClientKey = clientKey,
        SourceUrl = sourceUrl,
        ETag = result.Source!.ETag,
        LastModified = result.Source.LastModified,
        ContentHash = result.Source.ContentHash,
        Fingerprint = result.Source.Fingerprint,
        OutputKey = result.Outcome.OutputKey!,
        Outcome = result.Outcome with { Reuse = null },
        UpdatedAt = StoredTime.ToBson(result.CompletedAt),
    };
}
