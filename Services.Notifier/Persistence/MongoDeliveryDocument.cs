using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// A delivery as stored in MongoDB, its attempts embedded in order. Every element is named and typed here, so no
/// convention registered elsewhere can change the stored shape: GUIDs as UUIDs (binary subtype 4), the status as its
/// name, times as BSON dates in UTC.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class MongoDeliveryDocument
{
    [BsonId]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid Id { get; init; }

    [BsonElement("eventId")]
    public string EventId { get; init; } = "";

    [BsonElement("eventType")]
    public string EventType { get; init; } = "";

    [BsonElement("requestId")]
    [BsonGuidRepresentation(GuidRepresentation.Standard)]
    public Guid RequestId { get; init; }

    [BsonElement("url")]
    public string Url { get; init; } = "";

    [BsonElement("payload")]
    public string Payload { get; init; } = "";

    [BsonElement("status")]
    [BsonRepresentation(BsonType.String)]
    public DeliveryStatus Status { get; init; }

    [BsonElement("attemptCount")]
    public int AttemptCount { get; init; }

    // a document written before redelivery existed reads as what it was: series 1, started at attempt 1
    [BsonElement("series")]
    [BsonDefaultValue(1)]
    public int Series { get; init; } = 1;

    /// <summary>Attempts made before the current series began; the retry schedule counts from there.</summary>
    [BsonElement("attemptsBeforeSeries")]
    public int AttemptsBeforeSeries { get; init; }

    [BsonElement("nextAttemptAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? NextAttemptAt { get; init; }

    [BsonElement("traceParent")]
    public string? TraceParent { get; init; }

    // absent on documents from before per-client secrets: those were signed with the master secret, and still are
    [BsonElement("clientId")]
    [BsonIgnoreIfNull]
    public string? ClientId { get; init; }

    // absent on documents from before the per-host cap: those are claimed outside it
    [BsonElement("host")]
    [BsonIgnoreIfNull]
    public string? Host { get; init; }

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; init; }

    [BsonElement("updatedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; init; }

    [BsonElement("attempts")]
    public List<MongoDeliveryAttemptDocument> Attempts { get; init; } = [];

    /// <summary>A new delivery: pending, no attempts yet, due at once.</summary>
    public static MongoDeliveryDocument From(NewDelivery delivery)
    {
        var createdAt = StoredTime.ToBson(delivery.CreatedAt);
        return new()
        {
            Id = delivery.Id,
            EventId = delivery.EventId,
            EventType = delivery.EventType,
            RequestId = delivery.RequestId,
            Url = delivery.Url,
            Payload = delivery.Payload,
            Status = DeliveryStatus.Pending,
            AttemptCount = 0,
            Series = 1,
            AttemptsBeforeSeries = 0,
            NextAttemptAt = createdAt,
            TraceParent = delivery.TraceParent,
            ClientId = delivery.ClientId,
            Host = WebhookHost.Of(delivery.Url),
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    public DeliveryRecord ToRecord() => new()
    {
        Id = Id,
        EventId = EventId,
        EventType = EventType,
        RequestId = RequestId,
        Url = Url,
        Payload = Payload,
        Status = Status,
        AttemptCount = AttemptCount,
        Series = Series,
        NextAttemptAt = NextAttemptAt is { } next ? StoredTime.FromBson(next) : null,
        TraceParent = TraceParent,
        CreatedAt = StoredTime.FromBson(CreatedAt),
        UpdatedAt = StoredTime.FromBson(UpdatedAt),
        Attempts = Attempts.ConvertAll(attempt => attempt.ToAttempt()),
    };

    public ClaimedDelivery ToClaimed() => new()
    {
        Id = Id,
        EventType = EventType,
        Url = Url,
        Payload = Payload,
        AttemptNumber = AttemptCount,
        Series = Series,
        AttemptInSeries = AttemptCount - AttemptsBeforeSeries,
        TraceParent = TraceParent,
        ClientId = ClientId,
    };
}
