using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// A consumer every Ingest replica must run on every message (not the shared, competing queue a kebab-case name would
/// give): a queue of its own per replica, named <paramref name="prefix"/> and a random suffix, that goes with the replica.
/// </summary>
public abstract class PerReplicaConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected PerReplicaConsumerDefinition(string prefix)
    {
        var queue = $"{prefix}-{Guid.NewGuid():N}";
        Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.Temporary = true;
        });
    }
}
