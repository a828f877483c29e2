using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>
/// A queue of Notifier's own: Export consumes <c>RequestPurged</c> too, and two services on the one kebab-case name
/// (<c>request-purged</c>) would be competing consumers, each getting half the purges.
/// </summary>
public sealed class RequestPurgedConsumerDefinition : ConsumerDefinition<RequestPurgedConsumer>
{
    public const string QueueName = "notifier-request-purged";

    public RequestPurgedConsumerDefinition() => EndpointName = QueueName;
}
