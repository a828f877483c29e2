namespace ImagePipeline.Notifier.Apis;

/// <summary>One HTTP attempt of a webhook delivery; <c>Series</c> is 1 for the first series of attempts, one more per redelivery.</summary>
public sealed record DeliveryAttemptResponse(
    int Number,
    int Series,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    long LatencyMs);
