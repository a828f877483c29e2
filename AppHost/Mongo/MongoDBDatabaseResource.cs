namespace ImagePipeline.AppHost.Mongo;

/// <summary>A database on a <see cref="MongoDBServerResource"/>; its connection string names the database.</summary>
public class MongoDBDatabaseResource(string name, string databaseName, MongoDBServerResource parent)
    : Resource(name), IResourceWithParent<MongoDBServerResource>, IResourceWithConnectionString
{
    public MongoDBServerResource Parent { get; } = parent ?? throw new ArgumentNullException(nameof(parent));

    public string DatabaseName { get; } = !string.IsNullOrEmpty(databaseName)
        ? databaseName
        : throw new ArgumentException("A database needs a name.", nameof(databaseName));

    /// <summary><c>mongodb://{user}:{password}@{host}:{port}/{database}?authSource=admin&amp;authMechanism=SCRAM-SHA-256</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => Parent.BuildConnectionString(DatabaseName);
}
