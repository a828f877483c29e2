namespace ImagePipeline.Gateway.Uploads;

/// <summary>How fast one client may upload (section <c>Uploads:RateLimit</c>); a client is its API key, else its address.</summary>
public sealed class UploadRateLimitOptions
{
    public const string SectionName = "Uploads:RateLimit";

    /// <summary>Uploads a client may make in a burst.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Uploads a client earns back per minute after a burst.</summary>
    public int PerMinute { get; set; } = 30;
}
