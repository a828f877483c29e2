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
        return recorder.RecordAsync(context, new ImageResult(
            m.RequestId, m.ImageId, Succeeded: false, OutputKey: null, OutputUrl: null, BytesIn: null, BytesOut: null,
            Width: null, Height: null, Format: null, SourceQuality: null, OutputQuality: null,
            m.ReasonCode, m.Reason, m.WorkerId, time.GetUtcNow()));
    }
}
