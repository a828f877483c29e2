using ImagePipeline.Storage.Mongo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ImagePipeline.ServiceDefaults.Tests.Mongo;

/// <summary>
/// AddMongoDBClient from configuration alone. No server is needed: a MongoClient connects lazily, and nothing here
/// sends a command.
/// </summary>
public sealed class MongoDBClientRegistrationTests
{
    private const string IngestDb = "mongodb://admin:pw@127.0.0.1:27017/ingestdb?authSource=admin&authMechanism=SCRAM-SHA-256";

    [Fact]
    public void Registers_a_client_for_the_server_the_connection_string_names()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:ingestdb", IngestDb));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        var client = provider.GetRequiredService<IMongoClient>();
        var server = Assert.Single(client.Settings.Servers);
        Assert.Equal(("127.0.0.1", 27017), (server.Host, server.Port));
        Assert.Equal("admin", client.Settings.Credential.Username);
        Assert.Equal("admin", client.Settings.Credential.Source);
        Assert.Equal(TestHosts.ApplicationName, client.Settings.ApplicationName);
        Assert.Same(client, provider.GetRequiredService<IMongoClient>());
    }

    [Fact]
    public void Registers_the_database_the_url_names()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:ingestdb", IngestDb));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        var database = provider.GetRequiredService<IMongoDatabase>();
        Assert.Equal("ingestdb", database.DatabaseNamespace.DatabaseName);
        Assert.Same(provider.GetRequiredService<IMongoClient>(), database.Client);
    }

    [Fact]
    public void A_url_without_a_database_registers_no_database()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:mongo", "mongodb://127.0.0.1:27017"));

        builder.AddMongoDBClient("mongo");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IMongoClient>());
        Assert.Null(provider.GetService<IMongoDatabase>());
    }

    [Fact]
    public void Adds_the_ping_health_check_named_like_aspires()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:ingestdb", IngestDb));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        var registration = Assert.Single(HealthChecks(provider));
        Assert.Equal("MongoDB.Driver", registration.Name);
        Assert.IsType<MongoDBPingHealthCheck>(registration.Factory(provider));
    }

    [Fact]
    public void DisableHealthChecks_from_configuration_is_honoured()
    {
        var builder = TestHosts.Builder(
            ("ConnectionStrings:ingestdb", IngestDb),
            ("Aspire:MongoDB:Driver:DisableHealthChecks", "true"));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Empty(HealthChecks(provider));
        Assert.NotNull(provider.GetService<IMongoClient>());
    }

    [Fact]
    public void Settings_bind_from_the_aspire_section_and_the_per_connection_section_wins()
    {
        var builder = TestHosts.Builder(
            ("ConnectionStrings:ingestdb", IngestDb),
            ("Aspire:MongoDB:Driver:HealthCheckTimeout", "9000"),
            ("Aspire:MongoDB:Driver:DisableTracing", "true"),
            ("Aspire:MongoDB:Driver:ingestdb:HealthCheckTimeout", "1500"));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), Assert.Single(HealthChecks(provider)).Timeout);
        Assert.True(provider.GetRequiredService<IMongoClient>().Settings.TracingOptions?.Disabled);
    }

    [Fact]
    public void The_connection_string_may_come_from_the_aspire_section()
    {
        var builder = TestHosts.Builder(("Aspire:MongoDB:Driver:ConnectionString", "mongodb://127.0.0.1:27018/exportdb"));

        builder.AddMongoDBClient("exportdb");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal(27018, Assert.Single(provider.GetRequiredService<IMongoClient>().Settings.Servers).Port);
        Assert.Equal("exportdb", provider.GetRequiredService<IMongoDatabase>().DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void ConnectionStrings_wins_over_the_aspire_section()
    {
        var builder = TestHosts.Builder(
            ("ConnectionStrings:ingestdb", IngestDb),
            ("Aspire:MongoDB:Driver:ConnectionString", "mongodb://127.0.0.1:27018/other"));

        builder.AddMongoDBClient("ingestdb");
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Equal("ingestdb", provider.GetRequiredService<IMongoDatabase>().DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void Callbacks_adjust_settings_and_client_settings()
    {
        var builder = TestHosts.Builder(("ConnectionStrings:ingestdb", IngestDb));

        builder.AddMongoDBClient(
            "ingestdb",
            settings => settings.DisableHealthChecks = true,
            clientSettings => clientSettings.ServerSelectionTimeout = TimeSpan.FromSeconds(3));
        using var provider = builder.Services.BuildServiceProvider();

        Assert.Empty(HealthChecks(provider));
        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IMongoClient>().Settings.ServerSelectionTimeout);
    }

    [Fact]
    public void A_missing_connection_string_fails_naming_both_places_to_set_it()
    {
        var builder = TestHosts.Builder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMongoDBClient("notifierdb"));

        Assert.Contains("ConnectionStrings:notifierdb", error.Message, StringComparison.Ordinal);
        Assert.Contains("Aspire:MongoDB:Driver:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<HealthCheckRegistration> HealthChecks(IServiceProvider provider) =>
        provider.GetService<IOptions<HealthCheckServiceOptions>>()?.Value.Registrations ?? [];
}
