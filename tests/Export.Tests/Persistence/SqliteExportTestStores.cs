using ImagePipeline.Export.Persistence;
using ImagePipeline.Storage;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>
/// SQLite stores built by hand, on a file whose schema is made first, as the service's start-up step does before
/// anything uses the store (the store's methods assume the table is there).
/// </summary>
internal static class SqliteExportTestStores
{
    public static SqliteExportStore Create(SqliteDatabase database)
    {
        // Microsoft.Data.Sqlite's async calls complete synchronously, so this waits on no other thread
        new SqliteExportSchema(database).CreateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new SqliteExportStore(database);
    }

    public static SqliteExportStore Create(string file) => Create(new SqliteDatabase($"Data Source={file}"));
}
