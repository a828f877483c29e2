using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Export.Consumers;

/// <summary>Bounds concurrent exports per instance: each one streams from Ingest into a temporary file.</summary>
public sealed class ExportRequestedConsumerDefinition : ConsumerDefinition<ExportRequestedConsumer>
{
    public ExportRequestedConsumerDefinition(IOptions<ExportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConcurrentMessageLimit = options.Value.ConcurrentExports;
    }
}
