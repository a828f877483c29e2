using ImagePipeline.Notifier.Persistence;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>The notifier store contract on a SQLite file in a temporary folder.</summary>
public sealed class SqliteNotifierStoreContractTests : NotifierStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("notifier-store-").FullName;

    // the tables are made once, as at start; then a new instance per call, each with its own connections
    protected override Task<Func<INotifierStore>> OpenStorageAsync()
    {
        var file = Path.Combine(_directory, $"notifier-{Guid.NewGuid():N}.db");
        SqliteNotifierTestStores.Create($"Data Source={file}");
        return Task.FromResult<Func<INotifierStore>>(() => new SqliteNotifierStore(new SqliteDatabase($"Data Source={file}")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder must not hide the test's own result
        }
    }
}
