using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>One attempt, embedded in its delivery's document (see <see cref="MongoNotifierStore"/> for why).</summary>
internal sealed class MongoDeliveryAttemptDocument
{
    [BsonElement("number")]
    public int Number { get; init; }

    [BsonElement("attemptedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime AttemptedAt { get; init; }

    [BsonElement("statusCode")]
    public int? StatusCode { get; init; }

    [BsonElement("error")]
    public string? Error { get; init; }

    [BsonElement("latencyMs")]
    public long LatencyMs { get; init; }

    public static MongoDeliveryAttemptDocument From(DeliveryAttempt attempt) => new()
    {
        Number = attempt.Number,
        AttemptedAt = MongoTimes.ToBson(attempt.AttemptedAt),
        StatusCode = attempt.StatusCode,
        Error = attempt.Error,
        LatencyMs = attempt.LatencyMs,
    };

    public DeliveryAttempt ToAttempt() => new(Number, MongoTimes.FromBson(AttemptedAt), StatusCode, Error, LatencyMs);
}
