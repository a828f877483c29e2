using ImagePipeline.Contracts;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A request as stored in <c>requests</c>. It is inserted only after all its products and images, so its existence
/// means the request is recorded whole.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoRequestDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; set; }

    [BsonElement("status")]
    public string Status { get; set; } = "";

    [BsonElement("csvFileKey")]
    public string CsvFileKey { get; set; } = "";

    [BsonElement("webhookUrl"), BsonIgnoreIfNull]
    public string? WebhookUrl { get; set; }

    [BsonElement("productCount")]
    public int ProductCount { get; set; }

    [BsonElement("imagesTotal")]
    public int ImagesTotal { get; set; }

    [BsonElement("imagesSucceeded")]
    public int ImagesSucceeded { get; set; }

    [BsonElement("imagesFailed")]
    public int ImagesFailed { get; set; }

    [BsonElement("submittedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime SubmittedAt { get; set; }

    [BsonElement("recordedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime RecordedAt { get; set; }

    [BsonElement("updatedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("completedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? CompletedAt { get; set; }

    [BsonElement("outputCsvKey"), BsonIgnoreIfNull]
    public string? OutputCsvKey { get; set; }

    [BsonElement("outputCsvUrl"), BsonIgnoreIfNull]
    public string? OutputCsvUrl { get; set; }

    [BsonElement("failureReason"), BsonIgnoreIfNull]
    public string? FailureReason { get; set; }

    [BsonElement("clientId"), BsonIgnoreIfNull]
    public string? ClientId { get; set; }

    /// <summary>While Exporting or finished and not yet acknowledged: when the reconciler asks again.</summary>
    [BsonElement("leaseUntil"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? LeaseUntil { get; set; }

    [BsonElement("completionRecordedAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? CompletionRecordedAt { get; set; }

    [BsonElement("redrives")]
    public int Redrives { get; set; }

    /// <summary>1, and one more for every retry of the failed images.</summary>
    [BsonElement("attempt")]
    public int Attempt { get; set; } = 1;

    [BsonElement("cancelledAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? CancelledAt { get; set; }

    /// <summary>The Idempotency-Key of the last retry, so a repeat of that call re-opens nothing.</summary>
    [BsonElement("retryKey"), BsonIgnoreIfNull]
    public string? RetryKey { get; set; }

    /// <summary>The client's opt-in webhook events, comma-separated (<see cref="WebhookEventSelection.Stored"/>).</summary>
    [BsonElement("webhookEvents"), BsonIgnoreIfNull]
    public string? WebhookEvents { get; set; }

    /// <summary>The number of the request's latest webhook event.</summary>
    [BsonElement("eventSequence")]
    public long EventSequence { get; set; }

    /// <summary>When the latest progress event was claimed, and the images done it announced.</summary>
    [BsonElement("progressAt"), BsonDateTimeOptions(Kind = DateTimeKind.Utc), BsonIgnoreIfNull]
    public DateTime? ProgressAt { get; set; }

    [BsonElement("progressDone")]
    public int ProgressDone { get; set; }

    /// <summary>The client asked for a fresh run: nothing is reused from earlier requests.</summary>
    [BsonElement("fresh"), BsonIgnoreIfDefault]
    public bool Fresh { get; set; }

    /// <summary>
    /// Set by a purge before it deletes anything, only while the request is finished; no move starts from a request
    /// that carries it, so a retry cannot re-open a request whose images and products are being deleted.
    /// </summary>
    [BsonElement("purging"), BsonIgnoreIfNull]
    public bool? Purging { get; set; }

    public static MongoRequestDocument New(NewRequest request, int productCount, int imagesTotal, string? failureReason) => new()
    {
        ClientId = request.ClientId,
        Fresh = request.Fresh,
        WebhookEvents = request.WebhookEvents,
        EventSequence = failureReason is null ? 0 : 1,
        LeaseUntil = failureReason is null ? null : StoredTime.ToBson(request.LeaseUntil ?? request.RecordedAt),
        Id = request.RequestId,
        Status = failureReason is null ? RequestStatuses.Processing : RequestStatuses.Failed,
        FailureReason = failureReason,
        CompletedAt = failureReason is null ? null : StoredTime.ToBson(request.RecordedAt),
        CsvFileKey = request.CsvFileKey,
        WebhookUrl = request.WebhookUrl,
        ProductCount = productCount,
        ImagesTotal = imagesTotal,
        SubmittedAt = StoredTime.ToBson(request.SubmittedAt),
        RecordedAt = StoredTime.ToBson(request.RecordedAt),
        UpdatedAt = StoredTime.ToBson(request.RecordedAt),
    };

    public RequestRecord ToRecord() => new()
    {
        RequestId = Id,
        Status = Status,
        CsvFileKey = CsvFileKey,
        WebhookUrl = WebhookUrl,
        ProductCount = ProductCount,
        ImagesTotal = ImagesTotal,
        ImagesSucceeded = ImagesSucceeded,
        ImagesFailed = ImagesFailed,
        SubmittedAt = StoredTime.FromBson(SubmittedAt),
        RecordedAt = StoredTime.FromBson(RecordedAt),
        UpdatedAt = StoredTime.FromBson(UpdatedAt),
        CompletedAt = StoredTime.FromBson(CompletedAt),
        OutputCsvKey = OutputCsvKey,
        OutputCsvUrl = OutputCsvUrl,
        FailureReason = FailureReason,
        ClientId = ClientId,
        Redrives = Redrives,
        Attempt = Attempt,
        CancelledAt = StoredTime.FromBson(CancelledAt),
        WebhookEvents = WebhookEvents,
        EventSequence = EventSequence,
        RetryKey = RetryKey,
    };
}
