using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Export.Persistence;

/// <summary>
/// An export as stored in MongoDB. Every element is named and typed here, so no convention registered elsewhere can
/// change the stored shape: the request id is the <c>_id</c> (a UUID, binary subtype 4), the time a BSON date in UTC.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoExportDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid RequestId { get; init; }

    [BsonElement("fileKey")]
    public string FileKey { get; init; } = "";

    [BsonElement("rowCount")]
    public int RowCount { get; init; }

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; init; }

    [BsonElement("attempt")]
    public int Attempt { get; init; } = 1;

    // a BSON date holds milliseconds: truncating here makes the record handed back on insert equal the one read later
    public static MongoExportDocument From(ExportRecord export) => new()
    {
        RequestId = export.RequestId,
        FileKey = export.FileKey,
        RowCount = export.RowCount,
        CreatedAt = StoredTime.ToBson(export.CreatedAt),
        Attempt = export.Attempt,
    };

    public ExportRecord ToRecord() =>
        new(RequestId, FileKey, RowCount, StoredTime.FromBson(CreatedAt), Attempt);
}
