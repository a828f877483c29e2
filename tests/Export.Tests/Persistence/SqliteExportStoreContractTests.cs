using ImagePipeline.Export.Persistence;
using ImagePipeline.Export.Tests.Support;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>The export store contract on a SQLite file in a temporary folder.</summary>
public sealed class SqliteExportStoreContractTests : ExportStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    // the schema is made once, as at start; then a new instance per call, each with its own connections
    protected override Task<Func<IExportStore>> OpenStorageAsync()
    {
        var file = _directory.Combine($"export-{Guid.NewGuid():N}.db");
        SqliteExportTestStores.Create(file);
        return Task.FromResult<Func<IExportStore>>(() => new SqliteExportStore(new SqliteDatabase($"Data Source={file}")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
