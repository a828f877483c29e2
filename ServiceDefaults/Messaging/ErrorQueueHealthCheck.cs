using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// Degraded while any of this service's error queues holds a message: the service works, but messages wait for an
/// operator. Never Unhealthy (a broker that is away is <see cref="BrokerHealthCheck"/>'s to report), so <c>/health</c>
/// still answers 200 and nothing takes the service out of rotation for it.
/// </summary>
public sealed class ErrorQueueHealthCheck(ErrorQueues queues) : IHealthCheck
{
    public const string Name = "messaging-error-queues";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = queues.Counts.Where(queue => queue.Value > 0).Select(queue => $"{queue.Value} in {queue.Key}").ToArray();
        var data = queues.Counts.ToDictionary(queue => queue.Key, queue => (object)queue.Value);
        return Task.FromResult(
            waiting.Length > 0 ? HealthCheckResult.Degraded($"Messages wait in error queues: {string.Join(", ", waiting)}.", data: data)
            : queues.ReadAt is null ? HealthCheckResult.Healthy("The error queues have not been read yet.")
            : HealthCheckResult.Healthy($"No message in {queues.Counts.Count} error queue(s), read at {queues.ReadAt:O}.", data));
    }
}
