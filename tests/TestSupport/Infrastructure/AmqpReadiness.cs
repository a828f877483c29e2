using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>When a RabbitMQ node a test started takes connections: it answers the AMQP protocol header with a method frame (Connection.Start).</summary>
public static class AmqpReadiness
{
    private static readonly byte[] ProtocolHeader = [(byte)'A', (byte)'M', (byte)'Q', (byte)'P', 0, 0, 9, 1];

    /// <summary>
    /// Waits until the node at <paramref name="address"/>:<paramref name="port"/> answers, or throws when
    /// <paramref name="exited"/> says why it never will (null while it runs) or <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task WaitAsync(IPAddress address, int port, TimeSpan timeout, Func<string?> exited, string node)
    {
        ArgumentNullException.ThrowIfNull(exited);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (exited() is { } reason)
            {
                throw new InvalidOperationException($"{node} exited before it was ready: {reason}");
            }
            if (await AnswersAsync(address, port))
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{node} on {address}:{port} was not ready within {timeout.TotalSeconds:0} s");
    }

    private static async Task<bool> AnswersAsync(IPAddress address, int port)
    {
        try
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(address, port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(ProtocolHeader, attempt.Token);
            var frame = new byte[1];
            return await stream.ReadAsync(frame, attempt.Token) == 1 && frame[0] == 1;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
