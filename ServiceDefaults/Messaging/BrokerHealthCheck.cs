using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// Unhealthy unless the bus is wholly healthy. MassTransit's own check reports a bus that has lost its broker as
/// Degraded, and <c>/health</c> answers Degraded with 200, so a service that can neither receive nor publish looked
/// healthy for as long as the broker was away. Healthy again by itself once the bus has reconnected.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public const string Name = "messaging-broker";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy(health.Description)
            : HealthCheckResult.Unhealthy($"The message bus is {health.Status}: {health.Description}", health.Exception));
    }
}
