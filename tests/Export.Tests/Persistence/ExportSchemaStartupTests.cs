using ImagePipeline.Export.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        var before = Names(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["exports"], Names(file, "table"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static IHost Build(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ExportServiceExtensions.DatabaseName}"] = connectionString,
        });
        builder.AddExportStore();
        return builder.Build();
    }

    private static List<string> Names(string file, string type)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_master WHERE type = $type AND name NOT LIKE 'sqlite_%' ORDER BY name";
        query.Parameters.AddWithValue("$type", type);
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
