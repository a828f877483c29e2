using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// SQLite stores built by hand, on a file whose schema is made first, as the service's start-up step does before
/// anything uses the store (the store's methods assume the tables are there).
/// </summary>
internal static class SqliteIngestTestStores
{
    public static SqliteIngestStore Create(SqliteDatabase database)
    {
        // Microsoft.Data.Sqlite's async calls complete synchronously, so this waits on no other thread
        new SqliteIngestSchema(database).CreateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new SqliteIngestStore(database);
    }

    public static SqliteIngestStore Create(string file) => Create(new SqliteDatabase($"Data Source={file}"));
}
