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
        return recorder.RecordAsync(context, new ImageResult(m.RequestId, m.ImageId, Succeeded: false, m.Outcome, time.GetUtcNow()), m.Download);
    }
}
