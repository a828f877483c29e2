using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// Every Ingest replica must hear every worker's heartbeat, so each has a queue of its own (not the shared, competing
/// one a kebab-case name would give), and the queue goes with the replica: a heartbeat nobody reads is worthless.
/// </summary>
public sealed class WorkerCapacityConsumerDefinition : ConsumerDefinition<WorkerCapacityConsumer>
{
    private static readonly string s_queue = $"ingest-worker-capacity-{Guid.NewGuid():N}";

    public WorkerCapacityConsumerDefinition() =>
        Endpoint(endpoint =>
        {
            endpoint.Name = s_queue;
            endpoint.Temporary = true;
        });
}
