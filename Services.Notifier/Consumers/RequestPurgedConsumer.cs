using ImagePipeline.Contracts;
using ImagePipeline.Notifier.Persistence;
using MassTransit;

namespace ImagePipeline.Notifier.Consumers;

/// <summary>
/// Drops a purged request's deliveries and their attempts. A duplicate finds nothing to delete, which is harmless.
/// </summary>
public sealed class RequestPurgedConsumer(INotifierStore store) : IConsumer<RequestPurged>
{
    public Task Consume(ConsumeContext<RequestPurged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return store.DeleteByRequestAsync(context.Message.RequestId, context.CancellationToken);
    }
}
