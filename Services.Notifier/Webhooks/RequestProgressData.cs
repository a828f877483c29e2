namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of a <c>request.progress</c> webhook. <see cref="Sequence"/> grows with every event of the request:
/// one with a lower sequence than an event already received is stale.
/// </summary>
public sealed record RequestProgressData(
    Guid RequestId,
    long Sequence,
    int Attempt,
    string Status,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    int ImagesPending,
    int Percent);
