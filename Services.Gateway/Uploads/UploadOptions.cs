namespace ImagePipeline.Gateway.Uploads;

/// <summary>Upload settings (section <c>Uploads</c>); the CSV's own limits are in <c>Csv</c>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Most validation errors listed in one answer; the total is always given.</summary>
    public int MaxListedErrors { get; set; } = 1000;

    /// <summary>Most images (URLs) one upload may carry; a larger one is refused with 413 before anything is stored.</summary>
    public int MaxImagesPerUpload { get; set; } = 300_000;

    /// <summary>Longest webhook URL accepted.</summary>
    public int MaxWebhookUrlLength { get; set; } = 2048;

    /// <summary>How long after an accepted upload its Idempotency-Key replays the answer; after that the key is free again.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an upload being accepted holds its Idempotency-Key (retries meanwhile get 409). Only an acceptance that
    /// never finished (a gateway that stopped mid-way) reaches it; then the key is free again.
    /// </summary>
    public TimeSpan IdempotencyLockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest an upload waits for the message broker to take the request. Past it (a broker outage) the upload is
    /// refused with 503, nothing is submitted, and its Idempotency-Key is free for the retry.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of that 503.</summary>
    public TimeSpan PublishRetryAfter { get; set; } = TimeSpan.FromSeconds(15);
}
