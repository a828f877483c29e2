using ImagePipeline.Gateway.Extensions;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>
/// Starting the service makes the store's schema, on either backend, through the store's own registration: nothing
/// before the start, everything once it has returned.
/// </summary>
public sealed class GatewaySchemaStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-schema-startup-").FullName;

    [Fact]
    public async Task Starting_makes_the_sqlite_tables_and_indexes()
    {
        var file = Path.Combine(_directory, "gateway.db");
        using var host = Build($"Data Source={file}");
        var before = StoreSchemaProbe.SqliteNames(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["idempotency_keys", "request_owners"], StoreSchemaProbe.SqliteNames(file, "table"));
        Assert.Contains("ix_idempotency_keys_expires", StoreSchemaProbe.SqliteNames(file, "index"));
    }

    [SkippableFact]
    public async Task Starting_makes_the_mongodb_indexes()
    {
        var connectionString = await MongoTestServer.ConnectionStringForNewDatabaseAsync("gateway");
        using var host = Build(connectionString);
        var database = host.Services.GetRequiredService<IMongoDatabase>();
        try
        {
            await host.StartAsync();
            await host.StopAsync();

            Assert.Equal(StoreSchemaProbe.ExpectedIndexNames(MongoGatewayDefinitions.IdempotencyIndexes), await StoreSchemaProbe.IndexNamesAsync(database, MongoGatewayDefinitions.IdempotencyCollectionName));
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
        StoreSchemaProbe.Build(GatewayServiceExtensions.DatabaseConnectionName, connectionString, builder => builder.AddGatewayStore());
}
