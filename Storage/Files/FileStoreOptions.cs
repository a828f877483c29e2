namespace ImagePipeline.Storage.Files;

/// <summary>Settings of the shared file store beyond its connection string (section <c>Files</c>).</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    /// <summary>The longest presigned URL SigV4 allows.</summary>
    public static readonly TimeSpan MaxPresignedUrlLifetime = TimeSpan.FromDays(7);

    /// <summary>Where output image URLs point; see <see cref="FileUrlMode"/>.</summary>
    public FileUrlMode UrlMode { get; set; } = FileUrlMode.Gateway;

    /// <summary>For <see cref="FileUrlMode.PublicBase"/>: the URL under which the store's keys are served (a CDN's).</summary>
    public string? BucketBaseUrl { get; set; }

    /// <summary>For <see cref="FileUrlMode.Presigned"/>: how long an output URL works after its image was processed.</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = MaxPresignedUrlLifetime;

    /// <summary>
    /// S3: an object larger than this goes up in parts of this size (one part in memory per save in progress).
    /// S3 needs every part but the last to be at least 5 MiB.
    /// </summary>
    public int MultipartPartBytes { get; set; } = S3FileStore.DefaultPartBytes;

    /// <summary>S3: the access key ID (the AppHost passes its secret parameter <c>files-access-key</c>); unset uses the SDK's default credentials.</summary>
    public string? AccessKey { get; set; }

    /// <summary>S3: the secret key (the AppHost's secret parameter <c>files-secret-key</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Longest the file store's health check may take.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
