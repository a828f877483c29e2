using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Consumers;

/// <summary>Bounds the CPU- and memory-heavy work of one worker process (setting <c>ImageWorker:Concurrency</c>).</summary>
public sealed class ProcessImageConsumerDefinition : ConsumerDefinition<ProcessImageConsumer>
{
    public ProcessImageConsumerDefinition(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var concurrency = options.Value.Concurrency;
        ConcurrentMessageLimit = concurrency;
        // no more than it can work on: messages a busy replica prefetched would wait while its peers sit idle
        Endpoint(endpoint => endpoint.PrefetchCount = concurrency);
    }
}
