namespace ImagePipeline.Ingest.Dispatch;

/// <summary>Every Ingest replica must hear every worker's heartbeat; a heartbeat nobody reads is worthless, so the queue goes with the replica.</summary>
public sealed class WorkerCapacityConsumerDefinition() : PerReplicaConsumerDefinition<WorkerCapacityConsumer>("ingest-worker-capacity");
