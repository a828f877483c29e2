namespace ImagePipeline.Storage;

/// <summary>Reads a service's database connection string and tells which backend it names.</summary>
public static class StoreConnection
{
    public static StoreBackend DetectBackend(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase))
        {
            return StoreBackend.MongoDb;
        }
        if (connectionString.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return StoreBackend.Sqlite;
        }
        throw new FormatException("A store connection string must be mongodb://… or Data Source=….");
    }
}
