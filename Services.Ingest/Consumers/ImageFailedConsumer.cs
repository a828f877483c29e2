using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

public sealed class ImageFailedConsumer(ImageResultRecorder recorder, TimeProvider time) : IConsumer<ImageFailed>
{
    public Task Consume(ConsumeContext<ImageFailed> context)
    {
        var m = context.Message;
        var outcome = new ImageOutcome { ReasonCode = m.ReasonCode, Reason = m.Reason, WorkerId = m.WorkerId };
        return recorder.RecordAsync(context, new ImageResult(m.RequestId, m.ImageId, Succeeded: false, outcome, time.GetUtcNow()));
    }
}
