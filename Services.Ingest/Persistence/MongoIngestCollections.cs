namespace ImagePipeline.Ingest.Persistence;

/// <summary>The collections of Ingest's MongoDB database.</summary>
internal static class MongoIngestCollections
{
    public const string Requests = "requests";
    public const string Products = "products";
    public const string Images = "images";
}
