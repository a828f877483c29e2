using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>Every Ingest replica releases images, so every one must slow down: a queue per replica, gone with it.</summary>
public sealed class OriginThrottledConsumerDefinition : ConsumerDefinition<OriginThrottledConsumer>
{
    private static readonly string s_queue = $"ingest-origin-throttled-{Guid.NewGuid():N}";

    public OriginThrottledConsumerDefinition() =>
        Endpoint(endpoint =>
        {
            endpoint.Name = s_queue;
            endpoint.Temporary = true;
        });
}
