using ImagePipeline.Contracts;
using ImagePipeline.ImageWorker.Consumers;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Capacity;

/// <summary>
/// Tells Ingest, every <c>ImageWorker:HeartbeatInterval</c>, how many images this process takes at once, and that it
/// takes none once it stops: Ingest sizes the work it keeps out by the slots of the workers it hears from, so a worker
/// that joins is used at once and one that dies (and falls silent) stops counting within three intervals.
/// </summary>
public sealed partial class CapacityHeartbeat(IBus bus, IOptions<ImageWorkerOptions> options, ILogger<CapacityHeartbeat> logger) : BackgroundService
{
    private readonly ImageWorkerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval);
        do
        {
            await AnnounceAsync(_options.Concurrency, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // the bus stops after this service: its slots leave the count now, not three intervals later
        await AnnounceAsync(0, cancellationToken);
    }

    private async Task AnnounceAsync(int slots, CancellationToken cancellationToken)
    {
        // a beat that cannot go out within its interval is worthless (the next one says the same): never wait longer,
        // least of all while the host stops with the broker away
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        beat.CancelAfter(_options.HeartbeatInterval);
        try
        {
            // a heartbeat nobody read in time is stale: it must not count a worker long gone
            await bus.Publish(new WorkerCapacity(ProcessImageConsumer.WorkerId, slots, _options.HeartbeatInterval),
                context => context.TimeToLive = _options.HeartbeatInterval * 3, beat.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // the broker is away: the next beat tries again, and Ingest falls back to its smallest window meanwhile
            LogHeartbeatFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Capacity heartbeat could not be published")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
