using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;

namespace ImagePipeline.Ingest.Tests.Persistence;

/// <summary>The store follows the connection string; nothing here connects to a server.</summary>
public sealed class IngestStoreRegistrationTests
{
    [Fact]
    public async Task A_mongodb_connection_string_gives_the_mongodb_store_on_its_database()
    {
        var builder = Builder("mongodb://127.0.0.1:1/ingestdb");

        builder.AddIngestStore();

        await using var provider = builder.Services.BuildServiceProvider();
        Assert.IsType<MongoIngestStore>(provider.GetRequiredService<IIngestStore>());
        Assert.Equal("ingestdb", provider.GetRequiredService<IMongoDatabase>().DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void A_mongodb_connection_string_without_a_database_is_refused()
    {
        var builder = Builder("mongodb://127.0.0.1:1");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddIngestStore());

        Assert.Contains("ConnectionStrings:ingestdb must name its database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_connection_string_gives_the_sqlite_store()
    {
        var builder = Builder($"Data Source={Path.Combine(Path.GetTempPath(), $"imagepipeline-ingest-{Guid.NewGuid():N}.sqlite")}");

        builder.AddIngestStore();

        await using var provider = builder.Services.BuildServiceProvider();
        Assert.IsType<SqliteIngestStore>(provider.GetRequiredService<IIngestStore>());
    }

    private static HostApplicationBuilder Builder(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{IngestServiceExtensions.DatabaseConnectionName}"] = connectionString,
        });
        return builder;
    }
}
