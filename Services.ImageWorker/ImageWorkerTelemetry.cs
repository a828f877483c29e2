using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImagePipeline.ServiceDefaults;

namespace ImagePipeline.ImageWorker;

/// <summary>The worker's span and counters, on the pipeline's shared activity source and meter.</summary>
public static class ImageWorkerTelemetry
{
    private static readonly Counter<long> Images = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.imageworker.images", unit: "{image}", description: "Images finished by the worker, by outcome");

    private static readonly Counter<long> BytesSaved = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.imageworker.bytes_saved", unit: "By", description: "Source bytes minus stored bytes");

    private static readonly Counter<long> Reuses = PipelineTelemetry.Meter.CreateCounter<long>(
        "imagepipeline.imageworker.reuses", unit: "{image}", description: "Images served by an earlier request's output, by how (not_modified, same_bytes)");

    /// <summary>A span around the CPU-bound part, so a trace shows decode and encode apart from the download.</summary>
    public static Activity? StartCompression(Guid imageId, long bytesIn)
    {
        var activity = PipelineTelemetry.ActivitySource.StartActivity("compress image");
        activity?.SetTag("imagepipeline.image_id", imageId.ToString());
        activity?.SetTag("imagepipeline.bytes_in", bytesIn);
        return activity;
    }

    public static void Processed(string format, long bytesIn, long bytesOut)
    {
        Images.Add(1, new("outcome", "processed"), new("format", format));
        BytesSaved.Add(bytesIn - bytesOut, new KeyValuePair<string, object?>("format", format));
    }

    public static void Reused(string reuse, string? format) =>
        Reuses.Add(1, new("reuse", reuse), new("format", format ?? "unknown"));

    public static void Failed(string reasonCode) =>
        Images.Add(1, new("outcome", "failed"), new("reason", reasonCode));
}
