namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>Bus settings shared by every service (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// Declares every durable queue of the services (their receive endpoints and the <c>_error</c> and <c>_skipped</c>
    /// queues beside them) as a quorum queue, replicated across a cluster's nodes, so losing a node loses neither a
    /// queue nor a message. False keeps classic queues: for a broker older than RabbitMQ 3.8, or one whose queues were
    /// declared classic by an earlier version and still hold messages (RabbitMQ refuses to redeclare a queue as
    /// another type; docs/reliability.md, "A broker cluster"). MassTransit's temporary bus queues stay classic either way.
    /// </summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>Messages each receive endpoint fetches ahead from RabbitMQ.</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>In-process retries of a failing message before it moves to the endpoint's <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>First retry delay; later retries back off exponentially up to <see cref="RetryMaxInterval"/>.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries of a message whose consumer hit a transient failure (<see cref="TransientFailures"/>: a database locked,
    /// unreachable or not answering). With the intervals below they span ~8 minutes of backoff, well past a two-minute
    /// outage and well inside RabbitMQ's 30-minute limit for holding a message unacknowledged.
    /// </summary>
    public int TransientRetryLimit { get; set; } = 20;

    public TimeSpan TransientRetryMinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan TransientRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each service reads how many messages wait in its <c>_error</c> queues (the gauge and the health check).</summary>
    public TimeSpan ErrorQueuePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The AMQP heartbeat each service asks the broker for. It decides how soon a service whose machine or network link
    /// is lost without a word is noticed: RabbitMQ closes a connection that missed two heartbeats (about twice this), and
    /// hands the images an unreachable worker held unacknowledged to the other workers (and the service, on its side,
    /// gives up the dead connection and reconnects). RabbitMQ's own default is 60 s; below 5 s a busy machine risks
    /// false alarms, each one a dropped connection and its messages delivered again.
    /// </summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Longest the broker health check waits for the broker to answer on the bus's connection.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
