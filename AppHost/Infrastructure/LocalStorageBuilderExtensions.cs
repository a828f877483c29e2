using Microsoft.Extensions.Configuration;
namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>Local-mode state: one SQLite file per service and one directory for files, all under the data directory.</summary>
public static class LocalStorageBuilderExtensions
{
    /// <summary>A service database: <c>ConnectionStrings:{name}</c> from the AppHost's configuration when given, else a SQLite file.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddServiceDatabase(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        var path = Path.Combine(dataDirectory, "db", $"{name}.sqlite");
        return builder.AddConnectionString(name, ReferenceExpression.Create($"Data Source={path}"));
    }

    /// <summary>The file store: <c>ConnectionStrings:files</c> when given, else the <c>files</c> directory under the data directory.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFileStore(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        var directory = Path.Combine(dataDirectory, "files");
        Directory.CreateDirectory(directory);
        var uri = new Uri(directory + Path.DirectorySeparatorChar).AbsoluteUri;
        return builder.AddConnectionString(name, ReferenceExpression.Create($"{uri}"));
    }
}
