using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// Healthy only while the bus can really talk to its broker. Two parts, because neither is enough alone:
/// <list type="bullet">
/// <item>MassTransit's own bus check, which must be wholly healthy: it reports receive endpoints that lost the broker
/// as Degraded, and <c>/health</c> answers Degraded with 200.</item>
/// <item>A round trip to the broker on the bus's own connection (a channel opened and closed), bounded by a timeout:
/// the bus check knows only receive endpoints, so a publish-only bus (the gateway) is "healthy" with the broker gone.
/// Asking the bus's connection supervisor for the connection also reconnects a publish-only bus, so the check turns
/// healthy again by itself once the broker is back.</item>
/// </list>
/// </summary>
public sealed class BrokerHealthCheck(IBusInstance bus, TimeSpan timeout) : IHealthCheck
{
    public const string Name = "messaging-broker";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.BusControl.CheckHealth();
        if (health.Status != BusHealthStatus.Healthy)
        {
            return HealthCheckResult.Unhealthy(
                $"The message bus of {bus.HostConfiguration.HostAddress} is {health.Status}: {health.Description}", health.Exception);
        }
        // the in-memory bus of component tests has no broker to ask
        if (bus.HostConfiguration is not IRabbitMqHostConfiguration rabbit)
        {
            return HealthCheckResult.Healthy(health.Description);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            // WaitAsync as well: the bound must hold even where the client library does not watch the token
            await rabbit.ConnectionContextSupervisor
                .Send(Pipe.ExecuteAsync<ConnectionContext>(connection => RoundTripAsync(connection, limit.Token)), limit.Token)
                .WaitAsync(limit.Token);
            return HealthCheckResult.Healthy($"RabbitMQ at {rabbit.HostAddress} answered.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {rabbit.HostAddress} did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // whatever kept the connection or the channel from opening, the bus cannot reach its broker now
            return HealthCheckResult.Unhealthy($"RabbitMQ at {rabbit.HostAddress} is unreachable: {ex.Message}", ex);
        }
    }

    private static async Task RoundTripAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        // an open connection can be half-dead until heartbeats notice; opening a channel needs the broker to answer
        await using var channel = await connection.Connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.CloseAsync(cancellationToken);
    }
}
