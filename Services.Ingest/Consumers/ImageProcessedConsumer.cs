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
        var outcome = new ImageOutcome
        {
            OutputKey = m.OutputKey, OutputUrl = m.OutputUrl, BytesIn = m.BytesIn, BytesOut = m.BytesOut, Width = m.Width, Height = m.Height,
            Format = m.Format, SourceQuality = m.SourceQuality, OutputQuality = m.OutputQuality, WorkerId = m.WorkerId,
        };
        return recorder.RecordAsync(context, new ImageResult(m.RequestId, m.ImageId, Succeeded: true, outcome, time.GetUtcNow()));
    }
}
