using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Downloads;
using ImagePipeline.ImageWorker.Imaging;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.ImageWorker.Reuse;

/// <summary>
/// The worker's rules for handing out an output an earlier request made (<see cref="ProcessImage.Reusable"/>): only
/// one made under this worker's <see cref="OutputFingerprint"/>, only a success, and only while it is still stored
/// whole. The worker keeps nothing itself: what it reuses and the validators it asks with come in the message.
/// </summary>
public sealed class OutputReuse(OutputFingerprint fingerprint, IFileStore files, PublicUrls urls)
{
    public string Fingerprint => fingerprint.Value;

    /// <summary>What the fingerprint was made of, readable (<see cref="OutputFingerprint.Description"/>).</summary>
    public string FingerprintInputs => fingerprint.Description;

    /// <summary>
    /// The message's reusable output when this worker may hand it out: made under the same fingerprint, a success with
    /// an output of known size; null otherwise (then the image is downloaded unconditionally and made anew).
    /// </summary>
    public static ReusableOutput? Applicable(ReusableOutput? reusable, string fingerprint) =>
        reusable is { Source.Fingerprint: { } made, Outcome: { ReasonCode: null, OutputKey: not null, BytesOut: not null } }
            && string.Equals(made, fingerprint, StringComparison.Ordinal)
            ? reusable
            : null;

    /// <summary>The message's reusable output when this worker may hand it out (<see cref="Applicable(ReusableOutput?, string)"/>).</summary>
    public ReusableOutput? Applicable(ReusableOutput? reusable) => Applicable(reusable, Fingerprint);

    /// <summary>The validators to ask the origin with: those the reusable output's source came with, if any.</summary>
    public static SourceValidators ValidatorsOf(ReusableOutput? reusable) =>
        reusable is null ? SourceValidators.None : SourceValidators.From(reusable.Source.ETag, reusable.Source.LastModified);

    /// <summary>
    /// Whether the output (and its previews, when it names them) is still stored, and the output is exactly as long as
    /// when it was made: a purged, half-written or replaced file is not handed out. A failing store throws, so the
    /// message is retried rather than the image made again in vain.
    /// </summary>
    public async Task<bool> IsWholeAsync(ImageOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.BytesOut is not { } bytesOut || !await HasAsync(outcome.OutputKey, length => length == bytesOut, cancellationToken))
        {
            return false;
        }
        foreach (var preview in (string?[])[outcome.SourcePreviewKey, outcome.OutputPreviewKey])
        {
            if (preview is not null && !await HasAsync(preview, length => length > 0, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The reused outcome as this worker hands it out: its output and previews, with their URLs made again from the keys
    /// (a presigned URL of the earlier request may have expired), marked with how it was reused and by whom.
    /// </summary>
    public ImageOutcome Reused(ImageOutcome outcome, string reuse, string workerId)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome with
        {
            OutputUrl = urls.File(outcome.OutputKey!),
            SourcePreviewUrl = outcome.SourcePreviewKey is { } sourcePreview ? urls.File(sourcePreview) : null,
            OutputPreviewUrl = outcome.OutputPreviewKey is { } outputPreview ? urls.File(outputPreview) : null,
            Reuse = reuse,
            WorkerId = workerId,
        };
    }

    /// <summary>The source version after a 304: the same bytes, with any validators the 304 carried taking the old ones' place.</summary>
    public static SourceVersion Refreshed(SourceVersion source, SourceValidators validators)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(validators);
        return source with
        {
            ETag = validators.ETag ?? source.ETag,
            LastModified = validators.LastModified ?? source.LastModified,
        };
    }

    /// <summary>The version of a source just downloaded, as this worker's output of it is made.</summary>
    public SourceVersion VersionOf(DownloadedImage download, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(download);
        return new SourceVersion
        {
            ETag = download.Validators.ETag,
            LastModified = download.Validators.LastModified,
            ContentHash = contentHash,
            Fingerprint = Fingerprint,
        };
    }

    // only keys under images/ are outputs: a message naming any other stored file gets nothing handed out
    private async Task<bool> HasAsync(string? key, Func<long, bool> whole, CancellationToken cancellationToken)
    {
        if (!FileKey.IsValid(key) || !key!.StartsWith(PublicUrls.DirectPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        await using var stored = await files.OpenReadAsync(key, cancellationToken);
        return stored is not null && whole(stored.Length);
    }
}
