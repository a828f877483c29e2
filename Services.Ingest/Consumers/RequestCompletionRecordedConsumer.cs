using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

/// <summary>
/// Notifier has the finished request's event: the reconciler stops announcing it. A repeat sets the same mark again,
/// which changes nothing.
/// </summary>
public sealed class RequestCompletionRecordedConsumer(IIngestStore store, TimeProvider time) : IConsumer<RequestCompletionRecorded>
{
    public Task Consume(ConsumeContext<RequestCompletionRecorded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return store.MarkCompletionRecordedAsync(context.Message.RequestId, time.GetUtcNow(), context.CancellationToken);
    }
}
