using System.Diagnostics;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// One request through the system: Stopwatch timestamps of the upload call, the first image fetched and the webhook's
/// arrival, and how long the upload took to be answered.
/// </summary>
public sealed record RequestRun(Guid RequestId, int Images, long Started, TimeSpan UploadAnswered, long FirstFetch, WebhookArrival Webhook)
{
    public TimeSpan UploadToWebhook => Stopwatch.GetElapsedTime(Started, Webhook.Timestamp);

    public double ImagesPerSecond => Images / UploadToWebhook.TotalSeconds;
}
