namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>One request as the webhook receiver saw it.</summary>
public sealed record ReceivedWebhook(
    string? Id,
    string? Timestamp,
    string? Signature,
    string? TraceParent,
    string? ContentType,
    string Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The trace ID part of the W3C <c>traceparent</c> header (<c>00-traceid-spanid-flags</c>).</summary>
    public string? TraceId => TraceParent?.Split('-') is [_, var traceId, _, _] ? traceId : null;
}
