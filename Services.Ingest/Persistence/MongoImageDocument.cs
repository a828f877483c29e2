using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// An image and its result as stored in <c>images</c>. The result fields are absent until a result arrives, which
/// keeps the millions of pending images of a large request small.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoImageDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("requestId")]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid RequestId { get; set; }

    [BsonElement("row")]
    public int RowNumber { get; set; }

    [BsonElement("position")]
    public int Position { get; set; }

    [BsonElement("sourceUrl")]
    public string SourceUrl { get; set; } = "";

    [BsonElement("status")]
    public string Status { get; set; } = ImageStatuses.Pending;

    [BsonElement("outputKey"), BsonIgnoreIfNull]
    public string? OutputKey { get; set; }

    [BsonElement("outputUrl"), BsonIgnoreIfNull]
    public string? OutputUrl { get; set; }

    [BsonElement("bytesIn"), BsonIgnoreIfNull]
    public long? BytesIn { get; set; }

    [BsonElement("bytesOut"), BsonIgnoreIfNull]
    public long? BytesOut { get; set; }

    [BsonElement("width"), BsonIgnoreIfNull]
    public int? Width { get; set; }

    [BsonElement("height"), BsonIgnoreIfNull]
    public int? Height { get; set; }

    [BsonElement("format"), BsonIgnoreIfNull]
    public string? Format { get; set; }

    [BsonElement("sourceQuality"), BsonIgnoreIfNull]
    public int? SourceQuality { get; set; }

    [BsonElement("outputQuality"), BsonIgnoreIfNull]
    public int? OutputQuality { get; set; }

    [BsonElement("reasonCode"), BsonIgnoreIfNull]
    public string? ReasonCode { get; set; }

    [BsonElement("reason"), BsonIgnoreIfNull]
    public string? Reason { get; set; }

    [BsonElement("workerId"), BsonIgnoreIfNull]
    public string? WorkerId { get; set; }

    [BsonElement("sourcePreviewKey"), BsonIgnoreIfNull]
    public string? SourcePreviewKey { get; set; }

    [BsonElement("sourcePreviewUrl"), BsonIgnoreIfNull]
    public string? SourcePreviewUrl { get; set; }

    [BsonElement("outputPreviewKey"), BsonIgnoreIfNull]
    public string? OutputPreviewKey { get; set; }

    [BsonElement("outputPreviewUrl"), BsonIgnoreIfNull]
    public string? OutputPreviewUrl { get; set; }

    [BsonElement("completedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? CompletedAt { get; set; }

    /// <summary>The origin its pace is counted against (<see cref="OriginKey"/>).</summary>
    [BsonElement("host")]
    public string Host { get; set; } = "";

    /// <summary>Set when the image is released to the workers: until then the reconciler leaves it alone.</summary>
    [BsonElement("leaseUntil"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? LeaseUntil { get; set; }

    [BsonElement("attempts")]
    public int Attempts { get; set; }

    [BsonElement("reuse"), BsonIgnoreIfNull]
    public string? Reuse { get; set; }

    /// <summary>The slot of the same URL in the same request whose result this one takes; absent for the slot that is fetched.</summary>
    [BsonElement("leaderId"), BsonIgnoreIfNull]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid? LeaderId { get; set; }

    /// <summary>The output it was offered for reuse when released: a purge keeps that output while this image may use it.</summary>
    [BsonElement("reuseKey"), BsonIgnoreIfNull]
    public string? ReuseKey { get; set; }

    public static MongoImageDocument New(Guid requestId, int rowNumber, int position, NewImage image, Guid? leaderId = null) => new()
    {
        LeaderId = leaderId,
        Id = image.ImageId,
        RequestId = requestId,
        RowNumber = rowNumber,
        Position = position,
        SourceUrl = image.SourceUrl,
        Host = OriginKey.Of(image.SourceUrl),
        Status = ImageStatuses.Pending,
    };

    public ImageRecord ToRecord() => new()
    {
        ImageId = Id,
        RequestId = RequestId,
        RowNumber = RowNumber,
        Position = Position,
        SourceUrl = SourceUrl,
        Status = Status,
        Outcome = new ImageOutcome
        {
            OutputKey = OutputKey, OutputUrl = OutputUrl, BytesIn = BytesIn, BytesOut = BytesOut, Width = Width, Height = Height,
            Format = Format, SourceQuality = SourceQuality, OutputQuality = OutputQuality, ReasonCode = ReasonCode, Reason = Reason,
            WorkerId = WorkerId, SourcePreviewKey = SourcePreviewKey, SourcePreviewUrl = SourcePreviewUrl,
            OutputPreviewKey = OutputPreviewKey, OutputPreviewUrl = OutputPreviewUrl, Reuse = Reuse,
        },
        CompletedAt = StoredTime.FromBson(CompletedAt),
    };

    /// <summary>
    /// The elements an <see cref="ImageOutcome"/> is stored in, with its values: one list for recording a result and
    /// clearing it. A new field of the outcome is a property above, an element here and a line in <see cref="ToRecord"/>.
    /// </summary>
    public static IEnumerable<(string Element, object? Value)> OutcomeElements(ImageOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return
        [
            ("outputKey", outcome.OutputKey), ("outputUrl", outcome.OutputUrl), ("bytesIn", outcome.BytesIn), ("bytesOut", outcome.BytesOut),
            ("width", outcome.Width), ("height", outcome.Height), ("format", outcome.Format), ("sourceQuality", outcome.SourceQuality),
            ("outputQuality", outcome.OutputQuality), ("reasonCode", outcome.ReasonCode), ("reason", outcome.Reason), ("workerId", outcome.WorkerId),
            ("sourcePreviewKey", outcome.SourcePreviewKey), ("sourcePreviewUrl", outcome.SourcePreviewUrl),
            ("outputPreviewKey", outcome.OutputPreviewKey), ("outputPreviewUrl", outcome.OutputPreviewUrl), ("reuse", outcome.Reuse),
        ];
    }
}
