using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The store contract on a real SQLite file in a temporary directory.</summary>
public sealed class SqliteIngestStoreContractTests : IngestStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"imagepipeline-ingest-store-{Guid.NewGuid():N}");

    protected override Task<IIngestStore> CreateStoreAsync() =>
        Task.FromResult<IIngestStore>(SqliteIngestTestStores.Create(Path.Combine(_directory, "ingest.sqlite")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
