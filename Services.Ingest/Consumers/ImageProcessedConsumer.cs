using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

public sealed class ImageProcessedConsumer(ImageResultRecorder recorder, TimeProvider time) : IConsumer<ImageProcessed>
{
    public Task Consume(ConsumeContext<ImageProcessed> context)
    {
        var m = context.Message;
        return recorder.RecordAsync(context, new ImageResult(m.RequestId, m.ImageId, Succeeded: true, m.Outcome, time.GetUtcNow()) { Source = m.Source }, m.Download);
    }
}
