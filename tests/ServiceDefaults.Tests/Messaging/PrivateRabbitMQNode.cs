using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.ServiceDefaults.Tests.Messaging;

/// <summary>
/// A RabbitMQ node of the test's own (own name, ports, cookie and data under a temp directory), which the test can
/// stop and start again on the same port, as an outage would. Its epmd is started here too, so that it ends with the
/// test instead of outliving it as a daemon.
/// </summary>
public sealed class PrivateRabbitMQNode : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"imagepipeline-rabbitmq-{Guid.NewGuid():N}");
    private readonly int _distributionPort = FreePort();
    private readonly int _epmdPort = FreePort();
    private RabbitMQNodeFiles? _files;
    private Process? _epmd;
    private Process? _node;

    public int Port { get; } = FreePort();

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<PrivateRabbitMQNode> StartAsync()
    {
        var node = new PrivateRabbitMQNode();
        try
        {
            await node.PrepareAsync();
            await node.StartNodeAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the broker at once (SIGKILL of the Erlang VM, which the launcher became): clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_node is not { HasExited: false } node)
        {
            return;
        }
        node.Kill();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(deadline.Token);
        node.Dispose();
        _node = null;
    }

    /// <summary>Starts the node again on the same port with the same data, and waits until it takes connections.</summary>
    public Task RestartAsync() => StartNodeAsync();

    /// <summary>
    /// Freezes the broker (SIGSTOP): its connections stay open but nothing answers, as with a hung broker or a network
    /// that drops packets without resetting connections.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>Lets a frozen broker run on (SIGCONT).</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        var node = _node ?? throw new InvalidOperationException("the node is not running");
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", Text(node.Id)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill(1) did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await kill.WaitForExitAsync(deadline.Token);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {node.Id} exited {kill.ExitCode}");
        }
    }

    private async Task PrepareAsync()
    {
        _files = await RabbitMQNodeFiles.WriteAsync(_root, _epmdPort, RabbitMQNodeFiles.LoopbackConfiguration);
        var epmd = new ProcessStartInfo("epmd", ["-port", Text(_epmdPort), "-address", "127.0.0.1"]) { UseShellExecute = false };
        _epmd = Process.Start(epmd) ?? throw new InvalidOperationException("epmd did not start");
    }

    private async Task StartNodeAsync()
    {
        var start = new ProcessStartInfo(RequiredInfrastructure.RabbitMQServerPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var files = _files ?? throw new InvalidOperationException("the node's files were not written");
        foreach (var (name, value) in files.NodeEnvironment($"sdtests-{Port}@localhost", "127.0.0.1", Port, _distributionPort))
        {
            start.Environment[name] = value;
        }
        _node = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _node.OutputDataReceived += (_, _) => { };
        _node.ErrorDataReceived += (_, _) => { };
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        await AmqpReadiness.WaitAsync(
            IPAddress.Loopback, Port, ReadyTimeout, () => _node is { HasExited: true } node ? $"exit code {node.ExitCode}" : null, "rabbitmq-server");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_epmd is { HasExited: false } epmd)
            {
                epmd.Kill();
                epmd.WaitForExit(TimeSpan.FromSeconds(10));
            }
            _epmd?.Dispose();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
