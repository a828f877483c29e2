using ImagePipeline.Contracts;

namespace ImagePipeline.Notifier.Tests.Support;

public static class Messages
{
    public static RequestCompleted Completed(Uri? webhook, string status = RequestStatuses.Completed) => new()
    {
        RequestId = Guid.NewGuid(),
        Status = status,
        WebhookUrl = webhook?.ToString(),
        ProductCount = 2,
        ImagesTotal = 5,
        ImagesSucceeded = 4,
        ImagesFailed = 1,
        OutputCsvUrl = "http://127.0.0.1:9/files/output.csv",
        CompletedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
    };

    public static RequestProgressed Progressed(Uri webhook, Guid requestId, long sequence, int succeeded) => new()
    {
        RequestId = requestId, Sequence = sequence, Attempt = 1, Status = RequestStatuses.Processing, ProductCount = 2, ImagesTotal = 5,
        ImagesSucceeded = succeeded, ImagesFailed = 1, WebhookUrl = webhook.ToString(), ClientId = null,
        At = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
    };

    public static ImageResultAnnounced ImageFailed(Uri webhook, Guid requestId, long sequence) => new()
    {
        RequestId = requestId, ImageId = Guid.NewGuid(), Sequence = sequence, Attempt = 1, RowNumber = 3, Position = 1,
        SourceUrl = "https://img.example/3/1.jpg", Succeeded = false, OutputUrl = null, BytesIn = null, BytesOut = null,
        ReasonCode = "http_404", Reason = "The image URL answered 404 Not Found.", ImagesTotal = 5, ImagesSucceeded = 3, ImagesFailed = 1,
        WebhookUrl = webhook.ToString(), ClientId = null, At = new DateTimeOffset(2025, 3, 4, 5, 6, 8, TimeSpan.Zero),
    };
}
