namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// One image of a product. <see cref="InputPreviewUrl"/> and <see cref="OutputPreviewUrl"/> are small WebP previews
/// (at most ImageWorker:PreviewSize px on the longer side) of the source and the output, served by the gateway like the
/// output; a failed image, a pending one, and one processed before previews existed have none. <see cref="Reuse"/> says
/// how its result came from work already done (<c>same_request</c>, <c>not_modified</c>, <c>same_bytes</c>); null when
/// it was made for this image.
/// </summary>
public sealed record ImageResponse(
    Guid ImageId,
    int Position,
    string InputUrl,
    string Status,
    string? OutputUrl,
    string? FailureCode,
    string? FailureReason,
    long? BytesIn,
    long? BytesOut,
    int? Width,
    int? Height,
    string? Format,
    int? SourceQuality,
    int? OutputQuality,
    string? ProcessedBy,
    DateTimeOffset? CompletedAt,
    string? InputPreviewUrl = null,
    string? OutputPreviewUrl = null,
    string? Reuse = null);
