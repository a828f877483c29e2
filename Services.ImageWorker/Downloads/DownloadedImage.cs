namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// A source image's bytes, read whole and within the size limit, how many attempts it took and the validators the
/// origin sent with it; or, for a conditional download, the origin's word that the source is unchanged
/// (<see cref="NotModified"/>, no bytes).
/// </summary>
public sealed record DownloadedImage(ReadOnlyMemory<byte> Content, string? ContentType, int Attempts)
{
    /// <summary>The <c>ETag</c> and <c>Last-Modified</c> of the answer (a 304's too), as sent.</summary>
    public SourceValidators Validators { get; init; } = SourceValidators.None;

    /// <summary>The origin answered <c>304 Not Modified</c> to the validators the download sent: <see cref="Content"/> is empty.</summary>
    public bool NotModified { get; init; }
}
