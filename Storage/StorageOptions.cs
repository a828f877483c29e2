namespace ImagePipeline.Storage;

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

    /// <summary>
    /// How long the start-up step waits after a failed attempt to make the schemas (a database not up yet) before the
    /// next; it doubles after each failure up to <see cref="SchemaRetryMaxDelay"/>.
    /// </summary>
    public TimeSpan SchemaRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts to make the schemas.</summary>
    public TimeSpan SchemaRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
