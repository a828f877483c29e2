using MassTransit;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

public sealed class RetryProbeConsumer(FailurePlan plan) : IConsumer<RetryProbe>
{
    public Task Consume(ConsumeContext<RetryProbe> context) => plan.Next() is { } failure ? Task.FromException(failure) : Task.CompletedTask;
}
