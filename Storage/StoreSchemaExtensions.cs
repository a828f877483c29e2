using ImagePipeline.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the stores' schemas and the one start-up step that makes them.</summary>
public static class StoreSchemaExtensions
{
    /// <summary>Registers <paramref name="schema"/> to be made by the start-up step (<see cref="StoreSchemaStartup"/>).</summary>
    public static IServiceCollection AddStoreSchema(this IServiceCollection services, Func<IServiceProvider, IStoreSchema> schema)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(schema);
        services.AddStoreSchemaStartup();
        services.AddSingleton(schema);
        return services;
    }

    /// <summary>
    /// Registers the start-up step (<see cref="StoreSchemaStartup"/>) and its progress, once, however often it is
    /// called, and reports that progress as the <c>store-schema</c> check tagged <c>ready</c>: unhealthy until the step
    /// has made every store's schema.
    /// </summary>
    public static IServiceCollection AddStoreSchemaStartup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(StoreSchemaProgress)))
        {
            return services;
        }
        services.AddSingleton<StoreSchemaProgress>();
        services.AddHealthChecks().AddCheck<StoreSchemaHealthCheck>(StoreSchemaHealthCheck.Name, HealthStatus.Unhealthy, ["ready"]);
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Validate(options => options.SchemaRetryDelay > TimeSpan.Zero, "Storage:SchemaRetryDelay must be positive.")
            .Validate(options => options.SchemaRetryMaxDelay >= options.SchemaRetryDelay, "Storage:SchemaRetryMaxDelay must not be less than Storage:SchemaRetryDelay.")
            .ValidateOnStart();
        // hosted services start one after another in registration order: first of all, whatever was registered before
        // (the bus, background sweeps), nothing of the service touches a store before its schema is made
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StoreSchemaStartup>());
        return services;
    }
}
