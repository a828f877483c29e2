using ImagePipeline.Storage;
using MongoDB.Bson.Serialization.Attributes;

namespace ImagePipeline.Notifier.Persistence;

/// <summary>One attempt, embedded in its delivery's document (see <see cref="MongoNotifierStore"/> for why).</summary>
internal sealed class MongoDeliveryAttemptDocument
{
    [BsonElement("number")]
    public int Number { get; init; }

    // an attempt logged before redelivery existed belonged to the first series
    [BsonElement("series")]
    [BsonDefaultValue(1)]
    public int Series { get; init; } = 1;

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
        Series = attempt.Series,
        AttemptedAt = StoredTime.ToBson(attempt.AttemptedAt),
        StatusCode = attempt.StatusCode,
        Error = attempt.Error,
        LatencyMs = attempt.LatencyMs,
    };

    public DeliveryAttempt ToAttempt() => new(Number, Series, StoredTime.FromBson(AttemptedAt), StatusCode, Error, LatencyMs);
}
