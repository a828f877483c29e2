using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Ingestion;

/// <summary>The event Notifier hears about a request that reached a final status.</summary>
public static class RequestCompletedFactory
{
    public static RequestCompleted From(RequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestCompleted(
            request.RequestId, request.Status, request.WebhookUrl, request.ProductCount,
            request.ImagesTotal, request.ImagesSucceeded, request.ImagesFailed, request.OutputCsvUrl,
            request.CompletedAt ?? request.UpdatedAt, request.ClientId, request.Attempt, request.EventSequence);
    }
}
