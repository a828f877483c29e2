using ImagePipeline.Contracts;
using ImagePipeline.Export.Persistence;
using MassTransit;

namespace ImagePipeline.Export.Consumers;

/// <summary>
/// Drops a purged request's export record (Ingest has deleted the CSV file already). A duplicate finds nothing to
/// delete, which is harmless.
/// </summary>
public sealed class RequestPurgedConsumer(IExportStore store) : IConsumer<RequestPurged>
{
    public Task Consume(ConsumeContext<RequestPurged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return store.DeleteAsync(context.Message.RequestId, context.CancellationToken);
    }
}
