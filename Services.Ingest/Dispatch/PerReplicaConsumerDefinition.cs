using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// A consumer every Ingest replica must run on every message (not the shared, competing queue a kebab-case name would
/// give): a queue of its own per replica, named <paramref name="prefix"/> and a random suffix, that goes with the replica.
/// The suffix is drawn once per process, not per instance: MassTransit may build a definition more than once, and every
/// build must name the same queue.
/// </summary>
public abstract class PerReplicaConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private static readonly string s_replica = Guid.NewGuid().ToString("N");

    protected PerReplicaConsumerDefinition(string prefix)
    {
        var queue = $"{prefix}-{s_replica}";
        Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.Temporary = true;
        });
    }
}
