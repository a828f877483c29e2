namespace ImagePipeline.Contracts;

/// <summary>
/// What processing one image produced, success or failure: the one type of an image's result from the worker's
/// message to the stored row and the API's answer. A success has the output and its measurements; a failure a
/// <see cref="ReasonCode"/> (one of <see cref="ImageFailureReasons"/>) and its <see cref="Reason"/>.
/// </summary>
public sealed record ImageOutcome
{
    /// <summary>No result yet: a pending image.</summary>
    public static ImageOutcome None { get; } = new();

    public string? OutputKey { get; init; }

    public string? OutputUrl { get; init; }

    public long? BytesIn { get; init; }

    public long? BytesOut { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? Format { get; init; }

    public int? SourceQuality { get; init; }

    public int? OutputQuality { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    /// <summary>A small WebP of the source (at most <c>ImageWorker:PreviewSize</c> px), stored beside the output; none on a failure.</summary>
    public string? SourcePreviewKey { get; init; }

    public string? SourcePreviewUrl { get; init; }

    /// <summary>A small WebP of the output as stored.</summary>
    public string? OutputPreviewKey { get; init; }

    public string? OutputPreviewUrl { get; init; }

    /// <summary>The opaque ID of the worker that produced it.</summary>
    public string? WorkerId { get; init; }

    /// <summary>One of <see cref="ImageReuse"/> when the result came from work already done; null when it was made for this image.</summary>
    public string? Reuse { get; init; }
}
