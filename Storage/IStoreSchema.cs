namespace ImagePipeline.Storage;

/// <summary>
/// What one store needs in its database before its first call: tables, added columns, upgrades, indexes. It is made
/// once, at start, by <see cref="StoreSchemaStartup"/>; the store's methods assume it is there.
/// </summary>
public interface IStoreSchema
{
    /// <summary>The store and backend, for logs and the health check (e.g. <c>ingest (SQLite)</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Brings the database to the store's current shape. Safe to run again and from several processes at once: every
    /// step is a no-op when already done, so replicas starting together may all run it.
    /// </summary>
    Task CreateAsync(CancellationToken cancellationToken);
}
