using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// One Idempotency-Key of one owner as stored in MongoDB, identified by the attempt that took it. Every element is named
/// and typed here, so no convention registered elsewhere can change the stored shape: GUIDs as UUIDs (binary subtype
/// 4), the state as its name, times as BSON dates in UTC (the TTL index needs a date).
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoIdempotencyDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid AttemptId { get; init; }

    [BsonElement("owner")]
    public string Owner { get; init; } = "";

    [BsonElement("key")]
    public string Key { get; init; } = "";

    [BsonElement("fingerprint")]
    public string Fingerprint { get; init; } = "";

    [BsonElement("state")]
    [BsonRepresentation(BsonType.String)]
    public IdempotencyState State { get; init; }

    [BsonElement("requestId")]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid? RequestId { get; init; }

    [BsonElement("productCount")]
    public int? ProductCount { get; init; }

    [BsonElement("imageCount")]
    public int? ImageCount { get; init; }

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; init; }

    [BsonElement("expiresAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime ExpiresAt { get; init; }

    /// <summary>A key just taken: in progress, nothing accepted yet.</summary>
    public static MongoIdempotencyDocument From(NewIdempotencyAttempt attempt) => new()
    {
        AttemptId = attempt.AttemptId,
        Owner = attempt.Owner,
        Key = attempt.Key,
        Fingerprint = attempt.Fingerprint,
        State = IdempotencyState.InProgress,
        CreatedAt = StoredTime.ToBson(attempt.CreatedAt),
        ExpiresAt = StoredTime.ToBson(attempt.ExpiresAt),
    };

    public IdempotencyRecord ToRecord() => new()
    {
        AttemptId = AttemptId,
        Owner = Owner,
        Key = Key,
        Fingerprint = Fingerprint,
        State = State,
        Accepted = RequestId is { } requestId ? new AcceptedUpload(requestId, ProductCount ?? 0, ImageCount ?? 0) : null,
        CreatedAt = StoredTime.FromBson(CreatedAt),
        ExpiresAt = StoredTime.FromBson(ExpiresAt),
    };
}
