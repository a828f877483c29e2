namespace ImagePipeline.AppHost.Mongo;

/// <summary>
/// A MongoDB server run as a container. Same public shape as Aspire.Hosting.MongoDB's resource (not served here), so
/// the real package can replace this folder without touching the AppHost's callers.
/// </summary>
public class MongoDBServerResource(string name, ParameterResource? userNameParameter, ParameterResource? passwordParameter)
    : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultContainerPort = 27017;
    public const string DefaultUserName = "admin";

    // the root user the image creates lives in "admin"
    private const string AuthenticationDatabase = "admin";
    private const string AuthenticationMechanism = "SCRAM-SHA-256";

    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);
    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new EndpointReference(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ParameterResource? UserNameParameter { get; } = userNameParameter;

    public ParameterResource? PasswordParameter { get; } = passwordParameter;

    /// <summary>The user name parameter when given, else <c>admin</c>.</summary>
    public ReferenceExpression UserNameReference => UserNameParameter is not null
        ? ReferenceExpression.Create($"{UserNameParameter}")
        : ReferenceExpression.Create($"{DefaultUserName}");

    /// <summary><c>mongodb://{user}:{password}@{host}:{port}?authSource=admin&amp;authMechanism=SCRAM-SHA-256</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => BuildConnectionString(databaseName: null);

    /// <summary>Resource name to database name, for every database added to this server.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    internal void AddDatabase(string name, string databaseName) => _databases.TryAdd(name, databaseName);

    /// <summary>The server's connection string, naming <paramref name="databaseName"/> when given (the form Aspire's own package writes).</summary>
    internal ReferenceExpression BuildConnectionString(string? databaseName)
    {
        var builder = new ReferenceExpressionBuilder();
        builder.AppendLiteral("mongodb://");
        if (PasswordParameter is not null)
        {
            // escaped, so a user or password holding ':' '@' or '/' still parses
            if (UserNameParameter is not null)
            {
                builder.Append($"{UserNameParameter:uri}");
            }
            else
            {
                builder.AppendLiteral(DefaultUserName);
            }
            builder.Append($":{PasswordParameter:uri}@");
        }
        builder.Append($"{Host}:{Port}");
        if (databaseName is not null)
        {
            builder.AppendLiteral("/");
            builder.Append($"{databaseName:uri}");
        }
        if (PasswordParameter is not null)
        {
            builder.AppendLiteral($"?authSource={AuthenticationDatabase}&authMechanism={AuthenticationMechanism}");
        }
        return builder.Build();
    }
}
