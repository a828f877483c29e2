using ImagePipeline.Storage.Files;
using ImagePipeline.Storage.Mongo;
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

    /// <summary>The file store's health check when it is an S3 bucket.</summary>
    public const string S3HealthCheckName = S3FileStoreRegistration.HealthCheckName;

    /// <summary>
    /// Registers <see cref="IFileStore"/> from <c>ConnectionStrings:files</c> — a directory for <c>file:///absolute/dir</c>,
    /// GridFS in the named database for <c>mongodb://…/database</c> (with its own <see cref="IMongoClient"/>, keyed
    /// <c>files</c>, and a ping health check), an S3 bucket for <c>s3://bucket?endpoint=…</c> (see <see cref="S3BucketAddress"/>;
    /// an <c>IAmazonS3</c> keyed <c>files</c> and a listing health check) — and <see cref="PublicUrls"/> from
    /// <c>PublicBaseUrl</c> and <c>Files:UrlMode</c>.
    /// </summary>
    public static TBuilder AddFileStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Run the service through the AppHost, or set it to a file:///, mongodb:// or s3:// URI.");
        }
        var options = builder.Configuration.GetSection(FileStoreOptions.SectionName).Get<FileStoreOptions>() ?? new FileStoreOptions();
        if (IsMongoUrl(connectionString))
        {
            AddGridFsStore(builder, connectionString);
        }
        else if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            builder.Services.AddSingleton<IFileStore>(new DirectoryFileStore(uri.LocalPath));
        }
        else if (S3BucketAddress.IsS3Url(connectionString))
        {
            S3FileStoreRegistration.Add(builder.Services, connectionString, options);
        }
        else
        {
            throw new NotSupportedException($"ConnectionStrings:{ConnectionName} must be a file:/// URI, a mongodb:// URI naming a database or an s3:// URI naming a bucket.");
        }

        AddPublicUrls(builder, options, isS3: S3BucketAddress.IsS3Url(connectionString));
        return builder;
    }

    private static void AddPublicUrls(IHostApplicationBuilder builder, FileStoreOptions options, bool isS3)
    {
        var baseUrl = builder.Configuration[PublicUrls.SettingName] ?? "http://localhost:8080";
        switch (options.UrlMode)
        {
            case FileUrlMode.Gateway:
                builder.Services.AddSingleton(new PublicUrls(baseUrl));
                break;
            case FileUrlMode.PublicBase:
                builder.Services.AddSingleton(new PublicUrls(baseUrl, new PublicBaseFileUrls(options.BucketBaseUrl ?? "")));
                break;
            case FileUrlMode.Presigned when isS3:
                builder.Services.AddSingleton(provider => new PublicUrls(baseUrl, provider.GetRequiredService<IDirectFileUrls>()));
                break;
            default:
                throw new InvalidOperationException(
                    $"Files:UrlMode={options.UrlMode} needs an s3:// ConnectionStrings:{ConnectionName}; use {FileUrlMode.Gateway} or {FileUrlMode.PublicBase} with this store.");
        }
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
