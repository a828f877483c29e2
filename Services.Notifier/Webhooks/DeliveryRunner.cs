using System.Diagnostics;
using ImagePipeline.Notifier.Persistence;
using ImagePipeline.ServiceDefaults;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>Runs one claimed attempt of a delivery: send, then record the attempt and what comes next.</summary>
public sealed class DeliveryRunner(
    INotifierStore store,
    WebhookSender sender,
    RetrySchedule schedule,
    TimeProvider time,
    ILogger<DeliveryRunner> logger)
{
    public const string ActivityName = "webhook deliver";

    public async Task RunAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);

        using var activity = StartActivity(delivery);
        var (attempt, retryAfter) = await sender.SendAsync(delivery, cancellationToken);
        var (status, nextAttemptAt) = DeliveryDecision.After(
            delivery.AttemptInSeries, attempt.StatusCode, retryAfter, schedule, time.GetUtcNow(), Random.Shared.NextDouble());

        // the request went out: without its record the same attempt number would be claimed and sent again
        await store.RecordAttemptAsync(delivery.Id, attempt, status, nextAttemptAt, time.GetUtcNow(), CancellationToken.None);

        activity?.SetTag("webhook.delivery.status", status.ToString());
        if (!attempt.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, attempt.Error ?? $"HTTP {attempt.StatusCode}");
        }
        logger.Log(
            status is DeliveryStatus.Failed or DeliveryStatus.Disabled ? LogLevel.Warning : LogLevel.Information,
            "Webhook delivery {DeliveryId} attempt {Attempt} (series {Series}, attempt {AttemptInSeries} of {MaxAttempts}): {StatusCode} {Error} in {LatencyMs} ms, Retry-After {RetryAfter}; now {Status}, next attempt {NextAttemptAt}",
            delivery.Id, attempt.Number, delivery.Series, delivery.AttemptInSeries, schedule.MaxAttempts, attempt.StatusCode, attempt.Error,
            attempt.LatencyMs, retryAfter, status, nextAttemptAt);
    }

    private static Activity? StartActivity(ClaimedDelivery delivery)
    {
        // a retry runs long after the consumer's trace has ended; parenting it on the traceparent stored with the
        // delivery keeps every attempt (and the traceparent the HTTP request carries) in the upload's trace
        var parent = delivery.TraceParent is { } traceParent
            && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context)
                ? context
                : default;
        var activity = PipelineTelemetry.ActivitySource.StartActivity(ActivityName, ActivityKind.Internal, parent);
        activity?.SetTag("webhook.delivery.id", delivery.Id);
        activity?.SetTag("webhook.event.type", delivery.EventType);
        activity?.SetTag("webhook.attempt", delivery.AttemptNumber);
        activity?.SetTag("webhook.series", delivery.Series);
        return activity;
    }
}
