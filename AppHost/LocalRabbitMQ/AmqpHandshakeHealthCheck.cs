using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>
/// Healthy when the broker answers an AMQP 0-9-1 protocol header with a method frame (Connection.Start), which a
/// RabbitMQ node sends only once it is ready to take connections.
/// </summary>
public sealed class AmqpHandshakeHealthCheck(string host, int port) : IHealthCheck
{
    private static readonly byte[] ProtocolHeader = "AMQP"u8.ToArray().Concat(new byte[] { 0, 0, 9, 1 }).ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, timeout.Token);
            var frameType = new byte[1];
            var read = await stream.ReadAsync(frameType, timeout.Token);
            const byte methodFrame = 1;
            return read == 1 && frameType[0] == methodFrame
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The broker did not answer the AMQP protocol header.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {host}:{port} is not answering yet: {ex.Message}");
        }
    }
}
