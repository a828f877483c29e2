using ImagePipeline.Contracts;
using MassTransit;

namespace ImagePipeline.Ingest.Dispatch;

public sealed class WorkerCapacityConsumer(WorkerRoster roster) : IConsumer<WorkerCapacity>
{
    public Task Consume(ConsumeContext<WorkerCapacity> context)
    {
        roster.Heard(context.Message);
        return Task.CompletedTask;
    }
}
