namespace ImagePipeline.Ingest.Persistence;

public static class ImageStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>Not started when its request was cancelled; a result that arrives for it later changes nothing.</summary>
    public const string Cancelled = "Cancelled";
}
