using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Storage;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>
/// SQLite stores built by hand, on a file whose schema is made first, as the service's start-up step does before
/// anything uses the store (the store's methods assume the tables are there).
/// </summary>
internal static class SqliteNotifierTestStores
{
    public static SqliteNotifierStore Create(string connectionString)
    {
        var database = new SqliteDatabase(connectionString);
        // Microsoft.Data.Sqlite's async calls complete synchronously, so this waits on no other thread
        new SqliteNotifierSchema(database).CreateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new SqliteNotifierStore(database);
    }
}
