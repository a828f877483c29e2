using ImagePipeline.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers the destination guard every fetch on a client's behalf goes through.</summary>
public static class FetchGuardExtensions
{
    /// <summary>Binds <see cref="FetchOptions"/> from the <c>Fetch</c> section and registers <see cref="DestinationGuard"/>.</summary>
    public static IServiceCollection AddDestinationGuard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FetchOptions>()
            .Bind(configuration.GetSection(FetchOptions.SectionName))
            .Validate(options => options.AllowedHosts.All(entry => TryParse(entry)), "Every Fetch:AllowedHosts entry must be host, host:port or [ipv6]:port.")
            .Validate(options => options.MaxConnectionsPerHost > 0, "Fetch:MaxConnectionsPerHost must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DestinationGuard>();
        return services;
    }

    private static bool TryParse(string entry)
    {
        try
        {
            AllowedHost.Parse(entry);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
