namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of an <c>image.processed</c> or <c>image.failed</c> webhook: the image (its row in the uploaded CSV
/// and its place among the row's URLs), its result, and the request's counts once it was counted.
/// </summary>
public sealed record ImageResultData(
    Guid RequestId,
    Guid ImageId,
    long Sequence,
    int Attempt,
    int Row,
    int Position,
    string InputUrl,
    string? OutputUrl,
    long? BytesIn,
    long? BytesOut,
    string? ReasonCode,
    string? Reason,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed);
