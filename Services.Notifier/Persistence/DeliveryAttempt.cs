namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// One HTTP attempt of a delivery: the status code it got, or the error that stopped it before any answer.
/// <paramref name="Number"/> counts every attempt the delivery ever had; <paramref name="Series"/> says which series of
/// attempts it belongs to (1 for the first, one more per redelivery).
/// </summary>
public sealed record DeliveryAttempt(
    int Number,
    int Series,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    long LatencyMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
