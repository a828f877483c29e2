using ImagePipeline.Notifier.Persistence;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>
/// Sends every attempt: first attempts the consumer recorded, retries scheduled in the database. Dispatch is
/// continuous: whenever a slot is free (<see cref="InFlightAttempts"/>) it claims what is due, so an attempt starts as
/// soon as there is room, never after the slowest of a batch; a host with its share in flight is skipped by the claim,
/// so receivers that never answer hold their host's share and no more. Claims go through the store's conditional
/// update, so replicas polling the same database never share an attempt.
/// </summary>
public sealed class DeliveryDispatcher(
    INotifierStore store,
    DeliveryRunner runner,
    DeliveryWakeUp wakeUp,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var inFlight = new InFlightAttempts(settings.MaxParallelDeliveries, settings.MaxConnectionsPerHost);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StartDueAsync(settings, inFlight, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // a failed poll (database busy, disk full) must not stop the service: the next one tries again
                    logger.LogError(ex, "Polling for due webhook deliveries failed");
                }
                await wakeUp.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down; claimed attempts that did not finish become due again when their lease ends
        }
        // the attempts in flight end with the stopping token; none may outlive the services it uses
        await inFlight.DrainAsync();
    }

    private async Task StartDueAsync(WebhookOptions settings, InFlightAttempts inFlight, CancellationToken cancellationToken)
    {
        // a claim takes at most one delivery per host, so a backlog for one host is taken a share at a time while the
        // other hosts' deliveries fill the remaining slots
        while (inFlight.FreeSlots > 0)
        {
            var now = time.GetUtcNow();
            var due = await store.ClaimDueAsync(now, now + settings.ClaimLease, inFlight.FreeSlots, inFlight.FullHosts(), cancellationToken);
            if (due.Count == 0)
            {
                return;
            }
            foreach (var delivery in due)
            {
                var host = WebhookHost.Of(delivery.Url);
                inFlight.Enter(host);
                _ = RunAsync(delivery, host, inFlight, cancellationToken);
            }
        }
    }

    private async Task RunAsync(ClaimedDelivery delivery, string host, InFlightAttempts inFlight, CancellationToken cancellationToken)
    {
        try
        {
            // off the claiming loop at once: the send's synchronous start (DNS, connect) must not hold up the next claim
            await Task.Yield();
            await runner.RunAsync(delivery, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down; its lease runs out and a later poll (here or in another replica) sends it again
        }
        catch (Exception ex)
        {
            // its claim lease runs out and a later poll picks it up again
            logger.LogError(ex, "Webhook delivery {DeliveryId} attempt {Attempt} could not be completed", delivery.Id, delivery.AttemptNumber);
        }
        finally
        {
            inFlight.Leave(host);
            // a slot (and a share of the host) is free: what waited for it goes now, not at the next poll
            wakeUp.Wake();
        }
    }
}
