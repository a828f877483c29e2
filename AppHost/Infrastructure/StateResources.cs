using ImagePipeline.AppHost.Mongo;
using Microsoft.Extensions.Configuration;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// Where the services keep their state, by mode: databases on one MongoDB container and GridFS for files
/// (containers), or SQLite files and a directory (local). A <c>ConnectionStrings:{name}</c> given to the AppHost wins
/// in either mode, so a managed MongoDB replaces the container it names; the container runs only if some database
/// still needs it.
/// </summary>
public sealed class StateResources(IDistributedApplicationBuilder builder, AppHostSettings settings, InfrastructureMode mode)
{
    public const string MongoResourceName = "mongo";

    private IResourceBuilder<MongoDBServerResource>? _mongo;

    /// <summary>A service's database: <paramref name="name"/> is both the connection string name and the database name.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string name) =>
        IsGiven(name) ? builder.AddConnectionString(name)
        : mode == InfrastructureMode.Containers ? Mongo().AddDatabase(name)
        : builder.AddServiceDatabase(name, settings.DataDirectory);

    /// <summary>The file store: GridFS in the database <paramref name="databaseName"/> (containers), else a directory.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Files(string name, string databaseName) =>
        IsGiven(name) ? builder.AddConnectionString(name)
        : mode == InfrastructureMode.Containers ? Mongo().AddDatabase(name, databaseName)
        : builder.AddFileStore(name, settings.DataDirectory);

    private bool IsGiven(string name) => !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(name));

    private IResourceBuilder<MongoDBServerResource> Mongo() => _mongo ??= CreateMongo();

    private IResourceBuilder<MongoDBServerResource> CreateMongo()
    {
        var mongo = builder.AddMongoDB(MongoResourceName);
        // tests turn the volume off so their data never mixes with a developer's
        return settings.MongoDataVolume ? mongo.WithDataVolume() : mongo;
    }
}
