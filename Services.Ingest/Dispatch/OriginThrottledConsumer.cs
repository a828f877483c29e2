using ImagePipeline.Contracts;
using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

public sealed class OriginThrottledConsumer(OriginPacer origins) : IConsumer<OriginThrottled>
{
    public Task Consume(ConsumeContext<OriginThrottled> context)
    {
        origins.Observe(context.Message.Report);
        return Task.CompletedTask;
    }
}
