using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>
/// Starting the service makes the store's schema, on either backend, through the store's own registration: nothing
/// before the start, everything once it has returned.
/// </summary>
public sealed class IngestSchemaStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ingest-schema-startup-").FullName;

    [Fact]
    public async Task Starting_makes_the_sqlite_tables_and_indexes()
    {
        var file = Path.Combine(_directory, "ingest.sqlite");
        using var host = Build($"Data Source={file}");
        var before = StoreSchemaProbe.SqliteNames(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["images", "products", "requests", "source_versions"], StoreSchemaProbe.SqliteNames(file, "table"));
        Assert.Contains("ix_images_unreleased_leaders", StoreSchemaProbe.SqliteNames(file, "index"));
        Assert.Contains("ix_requests_completed", StoreSchemaProbe.SqliteNames(file, "index"));
    }

    [SkippableFact]
    public async Task Starting_makes_the_mongodb_indexes()
    {
        var connectionString = await MongoTestServer.ConnectionStringForNewDatabaseAsync("ingest");
        using var host = Build(connectionString);
        var database = host.Services.GetRequiredService<IMongoDatabase>();
        try
        {
            await host.StartAsync();
            await host.StopAsync();

            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoIngestDefinitions.ImageIndexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoIngestDefinitions.ImagesCollection));
            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoIngestDefinitions.ProductIndexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoIngestDefinitions.ProductsCollection));
            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoIngestDefinitions.RequestIndexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoIngestDefinitions.RequestsCollection));
            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoIngestDefinitions.SourceVersionIndexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoIngestDefinitions.SourceVersionsCollection));
        }
        finally
        {
            await database.Client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static IHost Build(string connectionString) =>
        StoreSchemaProbe.Build(IngestServiceExtensions.DatabaseConnectionName, connectionString, builder => builder.AddIngestStore());
}
