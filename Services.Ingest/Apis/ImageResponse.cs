namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// One image of a product. <see cref="InputPreviewUrl"/> and <see cref="OutputPreviewUrl"/> are small WebP previews
/// (at most ImageWorker:PreviewSize px on the longer side) of the source and the output, served by the gateway like the
/// output; a failed image, a pending one, and one processed before previews existed have none. <see cref="Reuse"/> says
/// how its result came from work already done (<c>same_request</c>, <c>not_modified</c>, <c>same_bytes</c>); null when
/// it was made for this image.
/// </summary>
public sealed record ImageResponse
{
    public required Guid ImageId { get; init; }

    public required int Position { get; init; }

    public required string InputUrl { get; init; }

    public required string Status { get; init; }

    public string? OutputUrl { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureReason { get; init; }

    public long? BytesIn { get; init; }

    public long? BytesOut { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? Format { get; init; }

    public int? SourceQuality { get; init; }

    public int? OutputQuality { get; init; }

    public string? ProcessedBy { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? InputPreviewUrl { get; init; }

    public string? OutputPreviewUrl { get; init; }

    public string? Reuse { get; init; }
}
