using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>One private RabbitMQ node for a test class, or none when the server is not installed (the tests skip).</summary>
public sealed class RabbitMQNodeFixture : IAsyncLifetime
{
    private PrivateRabbitMQNode? _node;

    public static string? SkipReason => RequiredInfrastructure.RabbitMQSkipReason();

    public PrivateRabbitMQNode Node => _node ?? throw new InvalidOperationException(SkipReason ?? "The RabbitMQ node did not start.");

    public async Task InitializeAsync()
    {
        if (SkipReason is null)
        {
            _node = await PrivateRabbitMQNode.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
