namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>A private RabbitMQ node run from the OS package: the bus when there is no container runtime.</summary>
public sealed class LocalRabbitMQServerResource(string name, string serverPath, string workingDirectory, Func<bool> quorumQueues)
    : ExecutableResource(name, serverPath, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    /// <summary>
    /// Whether the services declare quorum queues on this node: false for a node whose classic queues an earlier version
    /// declared. The node's directory says, so it is known at start, in run mode (asking prepares the node).
    /// </summary>
    public bool QuorumQueues => quorumQueues();

    public EndpointReference PrimaryEndpoint => _endpoint ??= new EndpointReference(this, EndpointName);

    /// <summary><c>guest</c> is allowed on loopback only, which is the only address this node listens on.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
