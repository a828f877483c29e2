using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>Bounds concurrent consumers per instance: each may hold an HTTP attempt open up to the request timeout.</summary>
public sealed class RequestCompletedConsumerDefinition : ConsumerDefinition<RequestCompletedConsumer>
{
    public RequestCompletedConsumerDefinition(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConcurrentMessageLimit = options.Value.ConcurrentConsumers;
    }
}
