using ImagePipeline.Contracts;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// What a client's source URL was when its output was made (<c>sourceVersions</c>, unique per client and URL): the
/// validators, the bytes' hash, the settings' fingerprint and the output, for the client's next request of that URL.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoSourceVersionDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("clientKey")]
    public string ClientKey { get; set; } = "";

    [BsonElement("sourceUrl")]
    public string SourceUrl { get; set; } = "";

    [BsonElement("etag"), BsonIgnoreIfNull]
    public string? ETag { get; set; }

    [BsonElement("lastModified"), BsonIgnoreIfNull]
    public string? LastModified { get; set; }

    [BsonElement("contentHash")]
    public string ContentHash { get; set; } = "";

    [BsonElement("fingerprint")]
    public string Fingerprint { get; set; } = "";

    /// <summary>The output's key, apart from the outcome, so a purge finds the versions that offer it.</summary>
    [BsonElement("outputKey")]
    public string OutputKey { get; set; } = "";

    [BsonElement("outcome")]
    public ImageOutcome Outcome { get; set; } = ImageOutcome.None;

    [BsonElement("updatedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    public ReusableOutput ToReusable() => new(
        new SourceVersion { ETag = ETag, LastModified = LastModified, ContentHash = ContentHash, Fingerprint = Fingerprint }, Outcome);
}
