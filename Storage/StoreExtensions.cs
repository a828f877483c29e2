using ImagePipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace Microsoft.Extensions.Hosting;

/// <summary>Finds a service's database from its connection string.</summary>
public static class StoreExtensions
{
    /// <summary>Reads <c>ConnectionStrings:{connectionName}</c> and says which backend it names; fails clearly when it is missing.</summary>
    public static (StoreBackend Backend, string ConnectionString) GetStoreConnection(this IHostApplicationBuilder builder, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);

        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Run the service through the AppHost, or set it to 'Data Source=<file>'.");
        }
        return (StoreConnection.DetectBackend(connectionString), connectionString);
    }

    /// <summary>
    /// Registers a service's store from <c>ConnectionStrings:{connectionName}</c>: <typeparamref name="TMongoStore"/> on the
    /// database a <c>mongodb://</c> URL names (with its client from <see cref="MongoDBClientExtensions.AddMongoDBClient"/>),
    /// or the SQLite store <paramref name="createSqliteStore"/> makes for <c>Data Source=…</c>, with a health check
    /// (<see cref="SqliteHealthCheck"/>, named <c>sqlite-{connectionName}</c>, tag <c>ready</c>) bounded by
    /// <c>Storage:HealthCheckTimeout</c>. The backend's schema (<typeparamref name="TMongoSchema"/>, or the one
    /// <paramref name="createSqliteSchema"/> makes) is made by the start-up step (<see cref="StoreSchemaStartup"/>).
    /// </summary>
    public static IHostApplicationBuilder AddStore<TStore, TMongoStore, TMongoSchema>(
        this IHostApplicationBuilder builder, string connectionName,
        Func<SqliteDatabase, TStore> createSqliteStore, Func<SqliteDatabase, IStoreSchema> createSqliteSchema)
        where TStore : class
        where TMongoStore : class, TStore
        where TMongoSchema : class, IStoreSchema
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(createSqliteStore);
        ArgumentNullException.ThrowIfNull(createSqliteSchema);

        var (backend, connectionString) = builder.GetStoreConnection(connectionName);
        if (backend == StoreBackend.MongoDb)
        {
            // the store works in the database the URL names; the client registers IMongoDatabase only for such a URL
            if (string.IsNullOrEmpty(MongoUrl.Create(connectionString).DatabaseName))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{connectionName} must name its database: mongodb://host:port/{connectionName}.");
            }
            builder.AddMongoDBClient(connectionName);
            builder.Services.AddSingleton<TStore, TMongoStore>();
            builder.Services.AddStoreSchema(provider => ActivatorUtilities.CreateInstance<TMongoSchema>(provider));
            return builder;
        }
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var database = new SqliteDatabase(connectionString, storage.SqliteBusyTimeout);
        builder.Services.AddSingleton(createSqliteStore(database));
        builder.Services.AddStoreSchema(_ => createSqliteSchema(database));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            SqliteHealthCheck.NameFor(connectionName),
            _ => new SqliteHealthCheck(database.FilePath, storage.HealthCheckTimeout),
            HealthStatus.Unhealthy,
            tags: ["ready"]));
        return builder;
    }
}
