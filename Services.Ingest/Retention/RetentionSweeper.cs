using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Reconciliation;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Retention;

/// <summary>
/// Every <see cref="RetentionOptions.SweepInterval"/>, purges the finished requests that finished more than
/// <see cref="RetentionOptions.Days"/> ago, oldest first, a batch at a time. Replicas sweeping at once may purge the
/// same request twice; each step of a purge is safe to repeat, so that costs only the repeat.
/// </summary>
public sealed partial class RetentionSweeper(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    // the store, the file store or the broker is away: what was not purged is still expired next time
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SweepLoop.RunAsync(options.Value.SweepInterval, time, SweepAsync, ex => LogSweepFailed(logger, ex), stoppingToken);

    /// <summary>One pass over one batch; returns how many requests it purged. Public so tests can sweep without the timer.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIngestStore>();
        var purger = scope.ServiceProvider.GetRequiredService<RequestPurger>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();
        var settings = options.Value;

        var cutoff = time.GetUtcNow() - settings.Period;
        var purged = 0;
        foreach (var requestId in await store.GetExpiredRequestsAsync(cutoff, settings.SweepBatch, cancellationToken))
        {
            if ((await purger.PurgeAsync(requestId, bus, cancellationToken)).Outcome == PurgeOutcome.Purged)
            {
                purged++;
            }
        }
        if (purged > 0)
        {
            LogPurged(logger, purged, cutoff);
        }
        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purged {Count} requests finished before {Cutoff:O}")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
