using MongoDB.Driver;
using Xunit;
using Testcontainers.MongoDb;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// A real MongoDB for tests: the one named by <c>IMAGEPIPELINE_TEST_MONGODB</c> (a <c>mongodb://</c> URI), else a
/// container started once per test process when a container runtime answers. Neither exists on machines without
/// Docker: there the MongoDB runs skip with a reason, unless <c>IMAGEPIPELINE_REQUIRE_MONGODB=true</c> (set by the
/// GitHub workflow), which turns a missing server into a failure.
/// </summary>
public static class MongoTestServer
{
    public const string ConnectionStringVariable = "IMAGEPIPELINE_TEST_MONGODB";
    public const string RequireVariable = "IMAGEPIPELINE_REQUIRE_MONGODB";
    public const string Image = "mongo:8.0";

    private static readonly Lazy<Task<string>> Started = new(StartAsync);

    private static string? ConfiguredConnectionString => Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    private static bool Required => string.Equals(Environment.GetEnvironmentVariable(RequireVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when a server can be had (or is required), else why MongoDB tests skip here.</summary>
    public static string? SkipReason() =>
        ConfiguredConnectionString is not null || Required || ContainerRuntimeProbe.IsAvailable
            ? null
            : $"No MongoDB here: set {ConnectionStringVariable} to a mongodb:// URI or run with a container runtime.";

    /// <summary>
    /// A connection string naming a fresh database, so tests never see each other's data. Skips the calling
    /// <c>[SkippableFact]</c> when no server can be had.
    /// </summary>
    public static async Task<string> ConnectionStringForNewDatabaseAsync(string prefix)
    {
        Skip.If(SkipReason() is not null, SkipReason());
        return ForDatabase(await Started.Value, $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)]);
    }

    /// <summary>
    /// <paramref name="serverConnectionString"/> naming <paramref name="databaseName"/> instead, its user still
    /// authenticating where the URI says: the URI's <c>authSource</c> when it gives one, else the default the
    /// connection-string rules give it (the database the URI names, <c>admin</c> when it names none, <c>$external</c>
    /// for the external mechanisms). Without that the fresh database would become the user's authentication database.
    /// </summary>
    public static string ForDatabase(string serverConnectionString, string databaseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseName);
        var given = MongoUrl.Create(serverConnectionString);
        var server = new MongoUrlBuilder(serverConnectionString) { DatabaseName = databaseName };
        if (given.Username is not null && string.IsNullOrEmpty(given.AuthenticationSource))
        {
            server.AuthenticationSource = MongoClientSettings.FromUrl(given).Credential.Source;
        }
        return server.ToString();
    }

    private static async Task<string> StartAsync()
    {
        if (ConfiguredConnectionString is { } configured)
        {
            return configured;
        }
        if (!ContainerRuntimeProbe.IsAvailable)
        {
            throw new InvalidOperationException(
                $"{RequireVariable}=true but there is no MongoDB: set {ConnectionStringVariable} or provide a container runtime.");
        }
        var container = new MongoDbBuilder(Image).Build();
        await container.StartAsync();
        // the container lives as long as the test process; Testcontainers' reaper removes it afterwards
        return container.GetConnectionString();
    }
}
