using ImagePipeline.Export.Extensions;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>
/// Starting the service makes the SQLite store's table through the store's own registration: nothing before the start,
/// the table once it has returned. (On MongoDB the export collection needs nothing made: <c>MongoExportSchema</c>.)
/// </summary>
public sealed class ExportSchemaStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("export-schema-startup-").FullName;

    [Fact]
    public async Task Starting_makes_the_sqlite_table()
    {
        var file = Path.Combine(_directory, "export.db");
        using var host = Build($"Data Source={file}");
        var before = StoreSchemaProbe.SqliteNames(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["exports"], StoreSchemaProbe.SqliteNames(file, "table"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static IHost Build(string connectionString) =>
        StoreSchemaProbe.Build(ExportServiceExtensions.DatabaseName, connectionString, builder => builder.AddExportStore());
}
