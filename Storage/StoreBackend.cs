namespace ImagePipeline.Storage;

/// <summary>Which database a connection string points at.</summary>
public enum StoreBackend
{
    Sqlite,
    MongoDb,
}
