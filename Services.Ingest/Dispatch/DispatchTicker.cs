using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Reconciliation;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Dispatch;

/// <summary>
/// Tops up every running request's window every <c>Ingest:DispatchInterval</c>, beside the refill each result makes,
/// and counts the running requests the windows are shared between. A result refills only its own request: room that
/// opens for another (its share grew as a request ended, a worker joined, an origin's pause ran out or its limit grew)
/// is filled here. Every replica runs it; a release is a conditional write, so none is sent twice.
/// </summary>
public sealed partial class DispatchTicker(
    IServiceScopeFactory scopes, IOptions<IngestOptions> options, DispatchPolicy policy, TimeProvider time, ILogger<DispatchTicker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(options.Value.DispatchInterval, time, TopUpAsync, ex => LogTopUpFailed(logger, ex), stoppingToken);

    /// <summary>One pass; public so tests can run it without waiting for the timer.</summary>
    public async Task TopUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIngestStore>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<ImageDispatcher>();

        var running = await store.GetProcessingRequestsAsync(options.Value.SweepBatch, cancellationToken);
        policy.RunningRequests = running.Count;
        foreach (var requestId in running)
        {
            await dispatcher.ReleaseAsync(bus, requestId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch top-up failed; the next one tries again")]
    private static partial void LogTopUpFailed(ILogger logger, Exception exception);
}
