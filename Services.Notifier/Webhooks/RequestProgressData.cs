using ImagePipeline.Contracts;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of a <c>request.progress</c> webhook. <see cref="Sequence"/> grows with every event of the request:
/// one with a lower sequence than an event already received is stale.
/// </summary>
public sealed record RequestProgressData
{
    public required Guid RequestId { get; init; }

    public required long Sequence { get; init; }

    public required int Attempt { get; init; }

    public required string Status { get; init; }

    public required int ProductCount { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public required int ImagesPending { get; init; }

    public required int Percent { get; init; }

    /// <summary>The payload is the message's projection, with what a client would otherwise work out: pending images and percent done.</summary>
    public static RequestProgressData From(RequestProgressed message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var done = message.ImagesSucceeded + message.ImagesFailed;
        return new RequestProgressData
        {
            RequestId = message.RequestId,
            Sequence = message.Sequence,
            Attempt = message.Attempt,
            Status = message.Status,
            ProductCount = message.ProductCount,
            ImagesTotal = message.ImagesTotal,
            ImagesSucceeded = message.ImagesSucceeded,
            ImagesFailed = message.ImagesFailed,
            ImagesPending = Math.Max(0, message.ImagesTotal - done),
            Percent = message.ImagesTotal == 0 ? 100 : (int)(100L * done / message.ImagesTotal),
        };
    }
}
