using ImagePipeline.Gateway.Extensions;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.TestSupport.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
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
        var before = Names(file, "table");

        await host.StartAsync();
        await host.StopAsync();

        Assert.Empty(before);
        Assert.Equal(["idempotency_keys", "request_owners"], Names(file, "table"));
        Assert.Contains("ix_idempotency_keys_expires", Names(file, "index"));
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

            Assert.Equal(Expected(MongoGatewayDefinitions.IdempotencyIndexes), await IndexNamesAsync(database, MongoGatewayDefinitions.IdempotencyCollectionName));
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

    private static IHost Build(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{GatewayServiceExtensions.DatabaseConnectionName}"] = connectionString,
        });
        builder.AddGatewayStore();
        return builder.Build();
    }

    private static string[] Expected<T>(IEnumerable<CreateIndexModel<T>> indexes) =>
        [.. indexes.Select(index => index.Options.Name).Append("_id_").Order(StringComparer.Ordinal)];

    private static async Task<string[]> IndexNamesAsync(IMongoDatabase database, string collection)
    {
        var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
        return [.. indexes.Select(index => index["name"].AsString).Order(StringComparer.Ordinal)];
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
