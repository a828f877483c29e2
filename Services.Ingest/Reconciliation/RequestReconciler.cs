using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Events;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Reconciliation;

/// <summary>
/// Finds work that should be moving and is not, and drives it again: released images without a result past their
/// lease (their <see cref="ProcessImage"/> was lost, dead-lettered or purged), Exporting requests Export never
/// answered, finished requests Notifier never acknowledged, and Processing requests whose window was not refilled (and
/// whose last progress was not announced).
/// Each item is claimed in the store with a new lease before it is sent, so of many replicas sweeping at once one
/// re-drives it; every receiver treats a repeat as one.
/// </summary>
public sealed partial class RequestReconciler(
    IServiceScopeFactory scopes, IOptions<IngestOptions> options, TimeProvider time, ReconcilerMetrics metrics, ILogger<RequestReconciler> logger)
    : BackgroundService
{
    // the store or the broker is away: the next sweep tries again, and the leases still stand
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(options.Value.SweepInterval, time, SweepAsync, ex => LogSweepFailed(logger, ex), stoppingToken);

    /// <summary>One pass; public so tests can sweep without waiting for the timer.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIngestStore>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<ImageDispatcher>();
        var events = scope.ServiceProvider.GetRequiredService<RequestEventAnnouncer>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<RequestLifecycle>();
        var settings = options.Value;
        var now = time.GetUtcNow();

        var stalled = await store.ClaimStalledAsync(now, now + settings.ImageLease, now + settings.RequestLease, settings.SweepBatch, cancellationToken);
        foreach (var image in stalled.Images)
        {
            await bus.Publish(new ProcessImage(image.RequestId, image.ImageId, image.SourceUrl), cancellationToken);
        }
        int exports = 0, completions = 0;
        foreach (var request in stalled.Requests)
        {
            if (request.Status == RequestStatuses.Exporting)
            {
                exports++;
                await bus.Publish(new ExportRequested(request.RequestId, request.Attempt), cancellationToken);
            }
            else if (RequestStatuses.IsFinal(request.Status))
            {
                completions++;
                await bus.Publish(RequestCompletedFactory.From(request), cancellationToken);
            }
        }
        if (stalled.Images.Count + stalled.Requests.Count > 0)
        {
            LogRedriven(logger, stalled.Images.Count, exports, completions);
        }
        metrics.Swept(stalled.Images.Count, exports, completions);

        foreach (var requestId in await store.GetProcessingRequestsAsync(settings.SweepBatch, cancellationToken))
        {
            // Processing with nothing pending (a retry cut short between its two steps, or a last result whose move
            // was lost): move it on, recounted, and ask Export
            if (await store.GetRequestAsync(requestId, cancellationToken) is { } request
                && await lifecycle.MoveOnIfDoneAsync(request, now, now + settings.RequestLease, cancellationToken) is { Status: RequestStatuses.Exporting } exporting)
            {
                await bus.Publish(new ExportRequested(requestId, exporting.Attempt), cancellationToken);
                continue;
            }
            await dispatcher.ReleaseAsync(bus, requestId, cancellationToken);
            // a request that went quiet since its last progress event still announces its last change
            await events.AnnounceProgressAsync(bus, requestId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-driven after their lease ran out: {Images} images, {Exports} exports, {Completions} completions")]
    private static partial void LogRedriven(ILogger logger, int images, int exports, int completions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
