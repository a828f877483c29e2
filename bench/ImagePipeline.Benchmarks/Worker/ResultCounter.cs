using ImagePipeline.Contracts;
using MassTransit;

namespace ImagePipeline.Benchmarks.Worker;

/// <summary>Stands in for ingest: receives every result the worker publishes and counts it.</summary>
public sealed class ResultCounter(ResultTally tally) : IConsumer<ImageProcessed>, IConsumer<ImageFailed>
{
    public Task Consume(ConsumeContext<ImageProcessed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        tally.Record(null);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ImageFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        tally.Record($"{context.Message.Outcome.ReasonCode}: {context.Message.Outcome.Reason}");
        return Task.CompletedTask;
    }
}
