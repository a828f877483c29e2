namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>A request's webhook as it arrived: when (a Stopwatch timestamp), and the final status and counts it carried.</summary>
public sealed record WebhookArrival(long Timestamp, string Status, int ImagesSucceeded, int ImagesFailed);
