using ImagePipeline.Contracts;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of an <c>image.processed</c> or <c>image.failed</c> webhook: the image (its row in the uploaded CSV
/// and its place among the row's URLs), its result, and the request's counts once it was counted.
/// </summary>
public sealed record ImageResultData
{
    public required Guid RequestId { get; init; }

    public required Guid ImageId { get; init; }

    public required long Sequence { get; init; }

    public required int Attempt { get; init; }

    public required int Row { get; init; }

    public required int Position { get; init; }

    public required string InputUrl { get; init; }

    public string? OutputUrl { get; init; }

    public long? BytesIn { get; init; }

    public long? BytesOut { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    /// <summary>The payload is the message's projection, in the client's words (the CSV's row, the input URL).</summary>
    public static ImageResultData From(ImageResultAnnounced message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ImageResultData
        {
            RequestId = message.RequestId,
            ImageId = message.ImageId,
            Sequence = message.Sequence,
            Attempt = message.Attempt,
            Row = message.RowNumber,
            Position = message.Position,
            InputUrl = message.SourceUrl,
            OutputUrl = message.OutputUrl,
            BytesIn = message.BytesIn,
            BytesOut = message.BytesOut,
            ReasonCode = message.ReasonCode,
            Reason = message.Reason,
            ImagesTotal = message.ImagesTotal,
            ImagesSucceeded = message.ImagesSucceeded,
            ImagesFailed = message.ImagesFailed,
        };
    }
}
