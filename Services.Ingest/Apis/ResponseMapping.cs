using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.ServiceDefaults.Files;

namespace ImagePipeline.Ingest.Apis;

/// <summary>From stored records to what clients and Export read.</summary>
internal static class ResponseMapping
{
    public static RequestStatusResponse ToStatus(this RequestRecord request, PublicUrls urls)
    {
        var percent = request.ImagesTotal == 0 ? 0 : Math.Round(request.ImagesDone * 100.0 / request.ImagesTotal, 1);
        return new RequestStatusResponse(
            request.RequestId, request.Status, request.ProductCount,
            new ImageCounts(request.ImagesTotal, request.ImagesSucceeded, request.ImagesFailed, request.ImagesTotal - request.ImagesDone),
            percent, request.SubmittedAt, request.RecordedAt, request.UpdatedAt, request.CompletedAt,
            request.OutputCsvUrl, urls.Request(request.RequestId) + "/products", request.FailureReason,
            request.UpdatedAt, request.Redrives, request.Attempt,
            request.WebhookEvents is null ? [] : request.WebhookEvents.Split(','));
    }

    /// <summary>A request the gateway accepted whose CSV Ingest has not read yet.</summary>
    public static RequestStatusResponse AcceptedStatus(Guid requestId, PublicUrls urls) => new(
        requestId, RequestStatuses.Accepted, 0, new ImageCounts(0, 0, 0, 0), 0, null,
        null, null, null, null, urls.Request(requestId) + "/products", null);

    public static ProductResponse ToResponse(this ProductRecord product) => new(
        product.RowNumber, product.SerialNumber, product.Name,
        [.. product.Images.Select(ToResponse)]);

    /// <summary>What of an image's outcome the API shows: all but where it is stored.</summary>
    public static ImageResponse ToResponse(this ImageRecord image) => new(
        image.ImageId, image.Position, InputUrl: image.SourceUrl, image.Status, image.Outcome.OutputUrl,
        FailureCode: image.Outcome.ReasonCode, FailureReason: image.Outcome.Reason, image.Outcome.BytesIn, image.Outcome.BytesOut,
        image.Outcome.Width, image.Outcome.Height, image.Outcome.Format, image.Outcome.SourceQuality, image.Outcome.OutputQuality,
        ProcessedBy: image.Outcome.WorkerId, image.CompletedAt, image.Outcome.SourcePreviewUrl, image.Outcome.OutputPreviewUrl,
        image.Outcome.Reuse);

    public static OutputRow ToOutputRow(this ProductRecord product) => new(
        product.SerialNumber, product.Name,
        [.. product.Images.Select(i => i.SourceUrl)],
        [.. product.Images.Select(i => i.Status == ImageStatuses.Succeeded ? i.Outcome.OutputUrl : null)]);
}
