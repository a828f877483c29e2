namespace ImagePipeline.Notifier.Webhooks;

/// <summary>The <c>data</c> of <c>request.completed</c> and <c>request.failed</c> webhooks.</summary>
public sealed record RequestCompletedData(
    Guid RequestId,
    string Status,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    string? OutputCsvUrl,
    DateTimeOffset CompletedAt,
    int Attempt = 1);
