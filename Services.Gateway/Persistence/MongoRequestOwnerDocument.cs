using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Gateway.Persistence;

/// <summary>Who created a request, keyed by the request ID: a GUID as a UUID (binary subtype 4), the time a UTC date.</summary>
[BsonIgnoreExtraElements]
internal sealed class MongoRequestOwnerDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid RequestId { get; init; }

    [BsonElement("owner")]
    public string Owner { get; init; } = "";

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; init; }

    public static MongoRequestOwnerDocument From(Guid requestId, string owner, DateTimeOffset createdAt) => new()
    {
        RequestId = requestId,
        Owner = owner,
        CreatedAt = StoredTime.ToBson(createdAt),
    };
}
