namespace ImagePipeline.Ingest.Persistence;

public static class ImageStatuses
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
}
