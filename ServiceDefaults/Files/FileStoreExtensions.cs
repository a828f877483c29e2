using ImagePipeline.ServiceDefaults.Files;
using ImagePipeline.ServiceDefaults.Mongo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the shared file store and the public URL builder.</summary>
public static class FileStoreExtensions
{
    public const string ConnectionName = "files";

    /// <summary>The file store's ping health check when it is GridFS (the service's own database has <c>MongoDB.Driver</c>).</summary>
    public const string MongoHealthCheckName = MongoDBClientExtensions.HealthCheckName + "_" + ConnectionName;

    /// <summary>
    /// Registers <see cref="IFileStore"/> from <c>ConnectionStrings:files</c> — a directory for <c>file:///absolute/dir</c>,
    /// GridFS in the named database for <c>mongodb://…/database</c> (with its own <see cref="IMongoClient"/>, keyed
    /// <c>files</c>, and a ping health check) — and <see cref="PublicUrls"/> from <c>PublicBaseUrl</c>.
    /// </summary>
    public static TBuilder AddFileStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Run the service through the AppHost, or set it to a file:/// or mongodb:// URI.");
        }
        if (IsMongoUrl(connectionString))
        {
            AddGridFsStore(builder, connectionString);
        }
        else if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            builder.Services.AddSingleton<IFileStore>(new DirectoryFileStore(uri.LocalPath));
        }
        else
        {
            throw new NotSupportedException($"ConnectionStrings:{ConnectionName} must be a file:/// URI or a mongodb:// URI naming a database.");
        }

        var baseUrl = builder.Configuration[PublicUrls.SettingName] ?? "http://localhost:8080";
        builder.Services.AddSingleton(new PublicUrls(baseUrl));
        return builder;
    }

    private static bool IsMongoUrl(string connectionString) =>
        connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);

    // a client of its own: the service's database client is registered unkeyed by AddMongoDBClient and may point elsewhere
    private static void AddGridFsStore(IHostApplicationBuilder builder, string connectionString)
    {
        var url = MongoUrl.Create(connectionString);
        if (string.IsNullOrEmpty(url.DatabaseName))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} must name the database that holds the files (mongodb://host:port/database).");
        }
        var settings = MongoClientSettings.FromUrl(url);
        settings.ApplicationName ??= builder.Environment.ApplicationName;

        builder.Services.AddKeyedSingleton<IMongoClient>(ConnectionName, (_, _) => new MongoClient(settings));
        builder.Services.AddSingleton<IFileStore>(provider =>
            new GridFsFileStore(provider.GetRequiredKeyedService<IMongoClient>(ConnectionName).GetDatabase(url.DatabaseName)));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            MongoHealthCheckName,
            provider => new MongoDBPingHealthCheck(provider.GetRequiredKeyedService<IMongoClient>(ConnectionName), url.DatabaseName, timeout: null),
            failureStatus: default,
            tags: null));
    }
}
