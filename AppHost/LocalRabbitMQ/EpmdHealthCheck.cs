using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>
/// Healthy once the node's private epmd accepts connections on its port. The node waits for this, not for the process
/// to have started: a node (or a <c>rabbitmqctl</c>) that finds no epmd on its port starts one as a daemon, which
/// outlives the AppHost.
/// </summary>
public sealed class EpmdHealthCheck(string host, int port) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"epmd at {host}:{port} is not listening yet: {ex.Message}");
        }
    }
}
