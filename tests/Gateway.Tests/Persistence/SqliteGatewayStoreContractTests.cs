using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Storage;
using Microsoft.Data.Sqlite;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>The gateway store contract on a SQLite file in a temporary folder.</summary>
public sealed class SqliteGatewayStoreContractTests : GatewayStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-store-").FullName;

    // the tables are made once, as at start; then a new instance per call, each with its own connections
    protected override Task<Func<IGatewayStore>> OpenStorageAsync()
    {
        var file = Path.Combine(_directory, $"gateway-{Guid.NewGuid():N}.db");
        SqliteGatewayTestStores.Create(file);
        return Task.FromResult<Func<IGatewayStore>>(() => new SqliteGatewayStore(new SqliteDatabase($"Data Source={file}")));
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
