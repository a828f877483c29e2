using ImagePipeline.ServiceDefaults.Storage;
using Microsoft.Extensions.Configuration;

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
}
