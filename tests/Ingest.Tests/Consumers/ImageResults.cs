using ImagePipeline.Contracts;
using ImagePipeline.ServiceDefaults.Files;

namespace ImagePipeline.Ingest.Tests.Consumers;

/// <summary>The messages a worker and Export send back for a request, as the duplicate tests replay them.</summary>
public static class ImageResults
{
    public static ImageProcessed Processed(ProcessImage image) => new(
        image.RequestId, image.ImageId, FileKey.ForImage(image.ImageId, "jpg"), $"http://gateway.test/files/images/{image.ImageId:N}.jpg",
        1000, 400, 10, 10, "jpeg", 90, 45, "worker-a");

    public static ImageFailed Failed(ProcessImage image) =>
        new(image.RequestId, image.ImageId, "http_404", "Not Found", "worker-b");

    public static OutputCsvReady Ready(Guid requestId) =>
        new(requestId, FileKey.ForExport(requestId), $"http://gateway.test/api/requests/{requestId}/output.csv", 2);
}
