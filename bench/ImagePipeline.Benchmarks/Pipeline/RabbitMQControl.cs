using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// <c>rabbitmqctl</c> against the AppHost's private RabbitMQ node, as an operator would run it: same node name, Erlang
/// cookie (its <c>HOME</c>) and private epmd port, read from the <c>messaging</c> resource's environment.
/// </summary>
public sealed class RabbitMQControl
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";

    private static readonly string[] NodeVariables = ["HOME", "RABBITMQ_NODENAME", "ERL_EPMD_PORT", "RABBITMQ_ENABLED_PLUGINS_FILE", "RABBITMQ_CONF_ENV_FILE", "RABBITMQ_CONFIG_FILE"];
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string> _environment;

    private RabbitMQControl(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public static RabbitMQControl For(CustomResourceSnapshot messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        var environment = messaging.EnvironmentVariables
            .Where(v => NodeVariables.Contains(v.Name) && v.Value is not null)
            .ToDictionary(v => v.Name, v => v.Value!);
        return environment.ContainsKey("RABBITMQ_NODENAME") && environment.ContainsKey("HOME") && environment.ContainsKey("ERL_EPMD_PORT")
            ? new RabbitMQControl(environment)
            : throw new InvalidOperationException("The messaging resource's environment does not name its node, cookie home and epmd port.");
    }

    /// <summary>Messages in every queue, by queue name (<c>rabbitmqctl list_queues name messages</c>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "rabbitmqctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-n", _environment["RABBITMQ_NODENAME"], "list_queues", "name", "messages", "--quiet", "--no-table-headers" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        using var deadline = new CancellationTokenSource(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"rabbitmqctl list_queues did not finish within {CommandTimeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl list_queues exited {process.ExitCode}: {await stdout}{await stderr}");
        }
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2)
            .ToDictionary(fields => fields[0], fields => long.Parse(fields[1], CultureInfo.InvariantCulture));
    }
}
