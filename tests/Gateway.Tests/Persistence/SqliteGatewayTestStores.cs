using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Storage;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// SQLite stores built by hand, on a file whose schema is made first, as the service's start-up step does before
/// anything uses the store (the store's methods assume the tables are there).
/// </summary>
internal static class SqliteGatewayTestStores
{
    public static SqliteGatewayStore Create(string file)
    {
        var database = new SqliteDatabase($"Data Source={file}");
        // Microsoft.Data.Sqlite's async calls complete synchronously, so this waits on no other thread
        new SqliteGatewaySchema(database).CreateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new SqliteGatewayStore(database);
    }
}
