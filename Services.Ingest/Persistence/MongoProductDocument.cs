using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A product row as stored in <c>products</c>. Its identity is (requestId, row), held by a unique index, so inserting
/// the same row again (a redelivered request) is refused as a duplicate instead of doubling it.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoProductDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("requestId")]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid RequestId { get; set; }

    [BsonElement("row")]
    public int RowNumber { get; set; }

    [BsonElement("serialNumber")]
    public long SerialNumber { get; set; }

    [BsonElement("name")]
    public string Name { get; set; } = "";

    public static MongoProductDocument New(Guid requestId, NewProduct product) => new()
    {
        RequestId = requestId,
        RowNumber = product.RowNumber,
        SerialNumber = product.SerialNumber,
        Name = product.Name,
    };
}
