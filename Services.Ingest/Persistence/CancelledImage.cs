namespace ImagePipeline.Ingest.Persistence;

/// <summary>What a cancelled image shows in the products API instead of a worker's reason.</summary>
public static class CancelledImage
{
    public const string ReasonCode = "cancelled";
    public const string Reason = "The request was cancelled before this image was processed.";
}
