using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImagePipeline.AppHost.Mongo;

/// <summary>
/// A small equivalent of Aspire.Hosting.MongoDB (not served here): the same method names, connection strings and
/// health-check names, so the real package can replace it without touching callers.
/// </summary>
public static class MongoDBBuilderExtensions
{
    private const string UserEnvVarName = "MONGO_INITDB_ROOT_USERNAME";
    private const string PasswordEnvVarName = "MONGO_INITDB_ROOT_PASSWORD";
    /// <summary>Where the image keeps its data, the target of <see cref="WithDataVolume"/>.</summary>
    public const string DataPath = "/data/db";

    /// <summary>The name of the ping health check of a server or database resource.</summary>
    public static string HealthCheckName(string resourceName) => $"{resourceName}_check";

    /// <summary>
    /// Adds a MongoDB server container (<see cref="MongoDBContainerImageTags"/>) with a root user, a <c>tcp</c> endpoint
    /// to its port 27017 and a ping health check. Without <paramref name="password"/> a password parameter
    /// <c>{name}-password</c> is generated (and, in run mode, kept in the AppHost's user secrets).
    /// </summary>
    public static IResourceBuilder<MongoDBServerResource> AddMongoDB(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        int? port = null,
        IResourceBuilder<ParameterResource>? userName = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var passwordParameter = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var server = new MongoDBServerResource(name, userName?.Resource, passwordParameter);

        return builder.AddResource(server)
            .WithEndpoint(port: port, targetPort: MongoDBServerResource.DefaultContainerPort, name: MongoDBServerResource.PrimaryEndpointName)
            .WithImage(MongoDBContainerImageTags.Image, MongoDBContainerImageTags.Tag)
            .WithImageRegistry(MongoDBContainerImageTags.Registry)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables[UserEnvVarName] = server.UserNameReference;
                context.EnvironmentVariables[PasswordEnvVarName] = passwordParameter;
            })
            .WithPingHealthCheck("admin");
    }

    /// <summary>
    /// Adds a database on the server: a resource named <paramref name="name"/> (the connection string name it is
    /// referenced by) for the database <paramref name="databaseName"/> (default: <paramref name="name"/>), healthy
    /// when the server answers a ping on it.
    /// </summary>
    public static IResourceBuilder<MongoDBDatabaseResource> AddDatabase(
        this IResourceBuilder<MongoDBServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        databaseName ??= name;
        var database = new MongoDBDatabaseResource(name, databaseName, builder.Resource);
        var added = builder.ApplicationBuilder.AddResource(database);
        builder.Resource.AddDatabase(name, databaseName);
        return added.WithPingHealthCheck(databaseName);
    }

    /// <summary>Keeps the server's data (<c>/data/db</c>) in a named volume, by default one named after the AppHost and the resource.</summary>
    public static IResourceBuilder<MongoDBServerResource> WithDataVolume(
        this IResourceBuilder<MongoDBServerResource> builder, string? name = null, bool isReadOnly = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataPath, isReadOnly);
    }

    private static IResourceBuilder<T> WithPingHealthCheck<T>(this IResourceBuilder<T> builder, string databaseName)
        where T : IResourceWithConnectionString
    {
        var resource = builder.Resource;
        var healthCheckName = HealthCheckName(resource.Name);
        var server = resource switch
        {
            MongoDBServerResource s => s,
            MongoDBDatabaseResource d => d.Parent,
            _ => throw new ArgumentException($"'{resource.Name}' is no MongoDB resource.", nameof(builder)),
        };
        var healthCheck = new MongoDBPingHealthCheck(databaseName, () => MongoDBCredentialsRejected.Describe(server));
        builder.ApplicationBuilder.Services.AddHealthChecks().AddCheck(healthCheckName, healthCheck);

        // the endpoint and the password exist only once the resource's connection string is published
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (e, cancellationToken) =>
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new DistributedApplicationException($"The connection string of '{resource.Name}' was published but is empty.");
            // the refused password is said once in the resource's log (the dashboard) and, for the server, in the
            // AppHost's own output too, where a developer running it looks first
            var resourceLog = e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
            var hostLog = resource is MongoDBServerResource ? e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MongoDBPingHealthCheck)) : null;
            healthCheck.UseConnectionString(connectionString, message =>
            {
                resourceLog.LogError("{Explanation}", message);
                hostLog?.LogError("{Explanation}", message);
            });
        });
        return builder.WithHealthCheck(healthCheckName);
    }
}
