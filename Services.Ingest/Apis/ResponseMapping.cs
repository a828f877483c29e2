using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.Ingest.Apis;

/// <summary>From stored records to what clients and Export read.</summary>
internal static class ResponseMapping
{
    public static RequestStatusResponse ToStatus(this RequestRecord request, PublicUrls urls)
    {
        var percent = request.ImagesTotal == 0 ? 0 : Math.Round(request.ImagesDone * 100.0 / request.ImagesTotal, 1);
        return new RequestStatusResponse
        {
            RequestId = request.RequestId,
            Status = request.Status,
            ProductCount = request.ProductCount,
            Images = new ImageCounts(request.ImagesTotal, request.ImagesSucceeded, request.ImagesFailed, request.ImagesTotal - request.ImagesDone),
            PercentComplete = percent,
            SubmittedAt = request.SubmittedAt,
            StartedAt = request.RecordedAt,
            UpdatedAt = request.UpdatedAt,
            CompletedAt = request.CompletedAt,
            OutputCsvUrl = request.OutputCsvUrl,
            ProductsUrl = urls.Request(request.RequestId) + "/products",
            FailureReason = request.FailureReason,
            LastProgressAt = request.UpdatedAt,
            Redrives = request.Redrives,
            Attempt = request.Attempt,
            WebhookEvents = request.WebhookEvents is null ? [] : request.WebhookEvents.Split(','),
        };
    }

    /// <summary>A request the gateway accepted whose CSV Ingest has not read yet.</summary>
    public static RequestStatusResponse AcceptedStatus(Guid requestId, PublicUrls urls) => new()
    {
        RequestId = requestId,
        Status = RequestStatuses.Accepted,
        ProductCount = 0,
        Images = new ImageCounts(0, 0, 0, 0),
        PercentComplete = 0,
        SubmittedAt = null,
        StartedAt = null,
        UpdatedAt = null,
        CompletedAt = null,
        OutputCsvUrl = null,
        ProductsUrl = urls.Request(requestId) + "/products",
        FailureReason = null,
    };

    public static ProductResponse ToResponse(this ProductRecord product) => new(
        product.RowNumber, product.SerialNumber, product.Name,
        [.. product.Images.Select(ToResponse)]);

    /// <summary>What of an image's outcome the API shows: all but where it is stored.</summary>
    public static ImageResponse ToResponse(this ImageRecord image) => new()
    {
        ImageId = image.ImageId,
        Position = image.Position,
        InputUrl = image.SourceUrl,
        Status = image.Status,
        OutputUrl = image.Outcome.OutputUrl,
        FailureCode = image.Outcome.ReasonCode,
        FailureReason = image.Outcome.Reason,
        BytesIn = image.Outcome.BytesIn,
        BytesOut = image.Outcome.BytesOut,
        Width = image.Outcome.Width,
        Height = image.Outcome.Height,
        Format = image.Outcome.Format,
        SourceQuality = image.Outcome.SourceQuality,
        OutputQuality = image.Outcome.OutputQuality,
        ProcessedBy = image.Outcome.WorkerId,
        CompletedAt = image.CompletedAt,
        InputPreviewUrl = image.Outcome.SourcePreviewUrl,
        OutputPreviewUrl = image.Outcome.OutputPreviewUrl,
        Reuse = image.Outcome.Reuse,
    };

    public static OutputRow ToOutputRow(this ProductRecord product) => new(
        product.SerialNumber, product.Name,
        [.. product.Images.Select(i => i.SourceUrl)],
        [.. product.Images.Select(i => i.Status == ImageStatuses.Succeeded ? i.Outcome.OutputUrl : null)]);
}
