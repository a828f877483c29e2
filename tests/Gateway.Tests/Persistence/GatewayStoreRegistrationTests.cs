using ImagePipeline.Gateway.Extensions;
using ImagePipeline.Gateway.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.Gateway.Tests.Persistence;

/// <summary>The connection string picks the store; building the MongoDB one needs no server.</summary>
public sealed class GatewayStoreRegistrationTests
{
    [Fact]
    public void A_mongodb_connection_string_selects_the_mongodb_store()
    {
        // never dialled by the test: the client only connects when the store is used
        using var host = BuildWith("mongodb://127.0.0.1:9/gatewaydb");

        Assert.IsType<MongoGatewayStore>(host.Services.GetRequiredService<IGatewayStore>());
    }

    [Fact]
    public void A_sqlite_connection_string_selects_the_sqlite_store()
    {
        using var host = BuildWith($"Data Source={Path.Combine(Path.GetTempPath(), $"gateway-{Guid.NewGuid():N}.db")}");

        Assert.IsType<SqliteGatewayStore>(host.Services.GetRequiredService<IGatewayStore>());
    }

    [Fact]
    public void A_mongodb_connection_string_must_name_its_database()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BuildWith("mongodb://127.0.0.1:9/"));

        Assert.Contains("ConnectionStrings:gatewaydb must name its database", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildWith(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:gatewaydb"] = connectionString });
        builder.AddGatewayStore();
        return builder.Build();
    }
}
