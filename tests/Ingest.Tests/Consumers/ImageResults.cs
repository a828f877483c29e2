using ImagePipeline.Contracts;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>The messages a worker and Export send back for a request, as the duplicate tests replay them.</summary>
public static class ImageResults
{
    public static ImageProcessed Processed(ProcessImage image) => new(image.RequestId, image.ImageId, new ImageOutcome
    {
        OutputKey = FileKey.ForImage(image.ImageId, "jpg"),
        OutputUrl = $"http://gateway.test/files/images/{image.ImageId:N}.jpg",
        BytesIn = 1000,
        BytesOut = 400,
        Width = 10,
        Height = 10,
        Format = "jpeg",
        SourceQuality = 90,
        OutputQuality = 45,
        WorkerId = "worker-a",
        SourcePreviewKey = FileKey.ForPreview(image.ImageId, FileKey.SourcePreview),
        OutputPreviewKey = FileKey.ForPreview(image.ImageId, FileKey.OutputPreview),
    });

    public static ImageFailed Failed(ProcessImage image) =>
        new(image.RequestId, image.ImageId, new ImageOutcome { ReasonCode = "http_404", Reason = "Not Found", WorkerId = "worker-b" });

    public static OutputCsvReady Ready(Guid requestId) =>
        new(requestId, FileKey.ForExport(requestId), $"http://gateway.test/api/requests/{requestId}/output.csv", 2);
}
