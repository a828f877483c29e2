using ImagePipeline.Notifier.Extensions;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace ImagePipeline.Notifier.Tests.Persistence;

/// <summary>
/// Starting the service makes the store's schema, on either backend, through the store's own registration: nothing
/// before the start, everything once it has returned.
/// </summary>
public sealed class NotifierSchemaStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("notifier-schema-startup-").FullName;

    [Fact]
    public async Task Starting_makes_the_sqlite_tables_and_indexes()
    {
        var file = Path.Combine(_directory, "notifier.db");
        using var host = Build($"Data Source={file}");
        var before = StoreSchemaProbe.SqliteNames(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["deliveries", "delivery_attempts"], StoreSchemaProbe.SqliteNames(file, "table"));
        Assert.Contains("ix_deliveries_due", StoreSchemaProbe.SqliteNames(file, "index"));
        Assert.Contains("ix_deliveries_request", StoreSchemaProbe.SqliteNames(file, "index"));
    }

    [SkippableFact]
    public async Task Starting_makes_the_mongodb_indexes()
    {
        var connectionString = await MongoTestServer.ConnectionStringForNewDatabaseAsync("notifier");
        using var host = Build(connectionString);
        var database = host.Services.GetRequiredService<IMongoDatabase>();
        try
        {
            await host.StartAsync();
            await host.StopAsync();

            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoNotifierDefinitions.Indexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoNotifierDefinitions.CollectionName));
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
        StoreSchemaProbe.Build(NotifierServiceExtensions.DatabaseName, connectionString, builder => builder.AddNotifierStore());
}
