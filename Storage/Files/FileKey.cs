using System.Text.RegularExpressions;

namespace ImagePipeline.Storage.Files;

/// <summary>
/// Keys are lower-case relative paths (<c>images/1f0c….jpg</c>): segments of letters, digits, <c>.</c>, <c>_</c>, <c>-</c>,
/// never starting with a dot, so no key can climb out of the store.
/// </summary>
public static partial class FileKey
{
    public const int MaxLength = 200;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && KeyPattern().IsMatch(key);

    public static string EnsureValid(string key) =>
        IsValid(key) ? key : throw new ArgumentException($"'{key}' is not a valid file key.", nameof(key));

    public static string ForUpload(Guid requestId) => $"uploads/{requestId:N}.csv";

    public static string ForImage(Guid imageId, string extension) => $"images/{imageId:N}.{extension}";

    /// <summary>What a preview shows: the source as downloaded, or the output as stored.</summary>
    public const string SourcePreview = "source";

    public const string OutputPreview = "output";

    /// <summary>
    /// A small WebP of an image's source or output, beside the output under <c>images/</c> so it is served by the same
    /// rules; <paramref name="of"/> is <see cref="SourcePreview"/> or <see cref="OutputPreview"/>.
    /// </summary>
    public static string ForPreview(Guid imageId, string of) => $"images/{imageId:N}.{of}-preview.webp";

    public static string ForExport(Guid requestId) => $"exports/{requestId:N}.csv";

    /// <summary>
    /// An empty marker Ingest stores when a request is cancelled: a worker checks it before starting an image, so the
    /// images already handed to the workers are not started either.
    /// </summary>
    public static string ForCancellation(Guid requestId) => $"cancelled/{requestId:N}";

    /// <summary>The content type a key's extension stands for.</summary>
    public static string ContentTypeOf(string key) => Path.GetExtension(key) switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        ".csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };

    [GeneratedRegex("^[a-z0-9_-][a-z0-9._-]*(/[a-z0-9_-][a-z0-9._-]*)*$")]
    private static partial Regex KeyPattern();
}
