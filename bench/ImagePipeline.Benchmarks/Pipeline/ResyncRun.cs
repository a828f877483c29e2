using System.Globalization;
using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// One upload of a re-sync benchmark: its slots, upload → webhook, the worker processes' CPU over it, what the origin
/// saw (requests, full answers, 304s, body bytes) and how each image came to its result.
/// </summary>
public sealed record ResyncRun(string Label, int Slots, TimeSpan Time, TimeSpan WorkerCpu, OriginCounts Origin, ImageReuseCounts Reuse, WebhookArrival Webhook, string Load)
{
    /// <summary>
    /// A Markdown row: label | slots | time | worker CPU | requests (200 / 304) | MB | made | same_request | not_modified |
    /// same_bytes | failed | <paramref name="expectation"/> | webhook | load.
    /// </summary>
    public string Row(string expectation) => string.Create(CultureInfo.InvariantCulture,
        $"| {Label} | {Slots} | {Time.TotalSeconds:0.0} s | {WorkerCpu.TotalSeconds:0.00} s | {Origin.Requests} ({Origin.Ok} / {Origin.NotModified}) | " +
        $"{Origin.BodyBytes / 1e6:0.00} | {Reuse.Cells()} | {expectation} | {Webhook.Status} | {Load} |");
}
