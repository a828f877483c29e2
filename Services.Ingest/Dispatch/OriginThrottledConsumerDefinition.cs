namespace ImagePipeline.Ingest.Dispatch;

/// <summary>Every Ingest replica releases images, so every one must slow down when an origin throttles.</summary>
public sealed class OriginThrottledConsumerDefinition() : PerReplicaConsumerDefinition<OriginThrottledConsumer>("ingest-origin-throttled");
