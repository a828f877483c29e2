namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of <c>request.completed</c>, <c>request.failed</c> and <c>request.cancelled</c> webhooks.
/// <see cref="Sequence"/> is the request's event sequence (see <see cref="RequestProgressData"/>).
/// </summary>
public sealed record RequestCompletedData(
    Guid RequestId,
    string Status,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string? OutputCsvUrl,
    DateTimeOffset CompletedAt,
    int Attempt = 1,
    long Sequence = 0);
