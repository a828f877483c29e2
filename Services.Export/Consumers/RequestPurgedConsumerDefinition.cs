using MassTransit;

namespace ImagePipeline.Export.Consumers;

/// <summary>
/// A queue of Export's own: Notifier consumes <c>RequestPurged</c> too, and two services on the one kebab-case name
/// (<c>request-purged</c>) would be competing consumers, each getting half the purges.
/// </summary>
public sealed class RequestPurgedConsumerDefinition : ConsumerDefinition<RequestPurgedConsumer>
{
    public const string QueueName = "export-request-purged";

    public RequestPurgedConsumerDefinition() => EndpointName = QueueName;
}
