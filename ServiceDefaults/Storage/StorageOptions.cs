namespace ImagePipeline.ServiceDefaults.Storage;

/// <summary>Settings of every service's own database (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Longest the SQLite health check may take to open the file and read its schema.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a SQLite statement waits for another connection's lock before it fails as busy (a transient failure
    /// the bus retries for minutes, see <c>Messaging:TransientRetryLimit</c>).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = SqliteDatabase.DefaultBusyTimeout;
}
