using ImagePipeline.Notifier.Persistence;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// Sends the attempts that are due: retries scheduled in the database, and first attempts a consumer did not get to.
/// Claims go through the store's conditional update, so replicas polling the same database never share an attempt.
/// </summary>
public sealed class DeliveryDispatcher(
    INotifierStore store,
    DeliveryRunner runner,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    await DispatchDueAsync(settings, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // a failed poll (database busy, disk full) must not stop the service: the next one tries again
                    logger.LogError(ex, "Polling for due webhook deliveries failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down; claimed attempts that did not finish become due again when their lease ends
        }
    }

    private async Task DispatchDueAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var due = await store.ClaimDueAsync(now, now + settings.ClaimLease, settings.MaxParallelDeliveries, cancellationToken);
            if (due.Count == 0)
            {
                return;
            }
            await Task.WhenAll(due.Select(delivery => RunAsync(delivery, cancellationToken)));
            if (due.Count < settings.MaxParallelDeliveries)
            {
                return;
            }
        }
    }

    private async Task RunAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // its claim lease runs out and a later poll picks it up again
            logger.LogError(ex, "Webhook delivery {DeliveryId} attempt {Attempt} could not be completed", delivery.Id, delivery.AttemptNumber);
        }
    }
}
