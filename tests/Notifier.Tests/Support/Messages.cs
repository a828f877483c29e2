using ImagePipeline.Contracts;

namespace ImagePipeline.Notifier.Tests.Support;

public static class Messages
{
    public static RequestCompleted Completed(Uri? webhook, string status = RequestStatuses.Completed) => new(
        Guid.NewGuid(),
        status,
        webhook?.ToString(),
        ProductCount: 2,
        ImagesTotal: 5,
        ImagesSucceeded: 4,
        ImagesFailed: 1,
        OutputCsvUrl: "http://127.0.0.1:9/files/output.csv",
        CompletedAt: new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
}
