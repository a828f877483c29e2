namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>Local-mode state: one SQLite file per service and one directory for files, all under the data directory.</summary>
public static class LocalStorageBuilderExtensions
{
    /// <summary>A service database in a SQLite file, <c>{dataDirectory}/db/{name}.sqlite</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddServiceDatabase(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Path.Combine(dataDirectory, "db", $"{name}.sqlite");
        return builder.AddConnectionString(name, ReferenceExpression.Create($"Data Source={path}"));
    }

    /// <summary>
    /// The file store in the <c>files</c> directory under the data directory, as a <c>file:///</c> URI. In run mode the
    /// directory is made when a service's connection string is resolved (<see cref="LocalFilesDirectory"/>); a
    /// published model only names it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddFileStore(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = new LocalFilesDirectory(Path.Combine(dataDirectory, "files"));
        return builder.ExecutionContext.IsRunMode
            ? builder.AddConnectionString(name, ReferenceExpression.Create($"{directory}"))
            : builder.AddConnectionString(name, ReferenceExpression.Create($"{directory.Uri}"));
    }
}
