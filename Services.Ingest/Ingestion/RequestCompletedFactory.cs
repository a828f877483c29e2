using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>The event Notifier hears about a request that reached a final status.</summary>
public static class RequestCompletedFactory
{
    public static RequestCompleted From(RequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestCompleted
        {
            RequestId = request.RequestId,
            Status = request.Status,
            WebhookUrl = request.WebhookUrl,
            ProductCount = request.ProductCount,
            ImagesTotal = request.ImagesTotal,
            ImagesSucceeded = request.ImagesSucceeded,
            ImagesFailed = request.ImagesFailed,
            OutputCsvUrl = request.OutputCsvUrl,
            CompletedAt = request.CompletedAt ?? request.UpdatedAt,
            ClientId = request.ClientId,
            Attempt = request.Attempt,
            Sequence = request.EventSequence,
        };
    }
}
