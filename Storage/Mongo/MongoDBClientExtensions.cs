using ImagePipeline.Storage.Mongo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A small equivalent of Aspire's MongoDB client integration (not served here): same method name, configuration keys
/// and health check name, so the real package can replace it without touching callers.
/// </summary>
public static class MongoDBClientExtensions
{
    public const string DefaultConfigSectionName = "Aspire:MongoDB:Driver";
    public const string HealthCheckName = "MongoDB.Driver";

    /// <summary>
    /// Registers <see cref="IMongoClient"/> for <c>ConnectionStrings:{connectionName}</c>, and <see cref="IMongoDatabase"/>
    /// when the URL names a database; adds a ping health check named <c>MongoDB.Driver</c>. Tracing comes from the
    /// driver's own ActivitySource (<c>MongoDB.Driver</c>), which ServiceDefaults subscribes to.
    /// </summary>
    public static void AddMongoDBClient(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<MongoDBSettings>? configureSettings = null,
        Action<MongoClientSettings>? configureClientSettings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var settings = new MongoDBSettings();
        builder.Configuration.GetSection(DefaultConfigSectionName).Bind(settings);
        builder.Configuration.GetSection($"{DefaultConfigSectionName}:{connectionName}").Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }
        configureSettings?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"A MongoDB client could not be configured: set ConnectionStrings:{connectionName} or {DefaultConfigSectionName}:ConnectionString.");
        }

        var url = MongoUrl.Create(settings.ConnectionString);
        var clientSettings = MongoClientSettings.FromUrl(url);
        clientSettings.ApplicationName ??= builder.Environment.ApplicationName;
        if (settings.DisableTracing)
        {
            clientSettings.TracingOptions = new MongoDB.Driver.Core.Configuration.TracingOptions { Disabled = true };
        }
        configureClientSettings?.Invoke(clientSettings);

        builder.Services.AddSingleton<IMongoClient>(_ => new MongoClient(clientSettings));
        if (!string.IsNullOrEmpty(url.DatabaseName))
        {
            builder.Services.AddSingleton(provider => provider.GetRequiredService<IMongoClient>().GetDatabase(url.DatabaseName));
        }
        if (!settings.DisableHealthChecks)
        {
            var timeout = settings.HealthCheckTimeout is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                HealthCheckName,
                provider => new MongoDBPingHealthCheck(provider.GetRequiredService<IMongoClient>(), url.DatabaseName ?? "admin", timeout),
                failureStatus: default,
                tags: null,
                timeout: timeout));
        }
    }
}
