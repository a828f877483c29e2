using ImagePipeline.Contracts;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// The <c>data</c> of <c>request.completed</c>, <c>request.failed</c> and <c>request.cancelled</c> webhooks.
/// <see cref="Sequence"/> is the request's event sequence (see <see cref="RequestProgressData"/>).
/// </summary>
public sealed record RequestCompletedData
{
    public required Guid RequestId { get; init; }

    public required string Status { get; init; }

    public required int ProductCount { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public string? OutputCsvUrl { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public int Attempt { get; init; } = 1;

    public long Sequence { get; init; }

    /// <summary>The payload is the message's projection: what of it a client sees, with the time in UTC.</summary>
    public static RequestCompletedData From(RequestCompleted message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new RequestCompletedData
        {
            RequestId = message.RequestId,
            Status = message.Status,
            ProductCount = message.ProductCount,
            ImagesTotal = message.ImagesTotal,
            ImagesSucceeded = message.ImagesSucceeded,
            ImagesFailed = message.ImagesFailed,
            OutputCsvUrl = message.OutputCsvUrl,
            CompletedAt = message.CompletedAt.ToUniversalTime(),
            Attempt = message.Attempt,
            Sequence = message.Sequence,
        };
    }
}
