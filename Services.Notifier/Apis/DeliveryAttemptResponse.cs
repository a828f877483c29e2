namespace ImagePipeline.Notifier.Apis;

/// <summary>One HTTP attempt of a webhook delivery.</summary>
public sealed record DeliveryAttemptResponse(
    int Number,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    long LatencyMs);
