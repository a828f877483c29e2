namespace ImagePipeline.Notifier.Persistence;

/// <summary>One HTTP attempt of a delivery: the status code it got, or the error that stopped it before any answer.</summary>
public sealed record DeliveryAttempt(
    int Number,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    long LatencyMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
