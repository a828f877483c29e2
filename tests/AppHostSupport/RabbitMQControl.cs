using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace ImagePipeline.AppHostSupport;

/// <summary>
/// Runs <c>rabbitmqctl</c> / <c>rabbitmq-plugins</c> against the AppHost's private RabbitMQ node the way an operator
/// would (docs/reliability.md): same node name, same Erlang cookie (its <c>HOME</c>), same private epmd port, all read
/// from the <c>messaging</c> resource's environment.
/// </summary>
public sealed class RabbitMQControl
{
    public const string BinDirectory = "/usr/lib/rabbitmq/bin";

    private static readonly string[] NodeVariables = ["HOME", "RABBITMQ_NODENAME", "ERL_EPMD_PORT", "RABBITMQ_ENABLED_PLUGINS_FILE", "RABBITMQ_CONF_ENV_FILE", "RABBITMQ_CONFIG_FILE"];
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string> _environment;

    private RabbitMQControl(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public string NodeName => _environment["RABBITMQ_NODENAME"];

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

    /// <summary>Messages in every queue, by queue name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync()
    {
        var output = await RunAsync("rabbitmqctl", "list_queues", "name", "messages", "--quiet", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2)
            .ToDictionary(fields => fields[0], fields => long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs one of the broker's CLI tools against the node; throws with its output unless it exits 0.</summary>
    public async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        // a CLI run that finds no epmd on ERL_EPMD_PORT (the node's stopped with its AppHost) would start one as a
        // daemon that outlives the test run; this makes it fail instead
        start.Environment["ERL_FLAGS"] = "-start_epmd false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
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
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds:0} s");
        }
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout}{await stderr}");
    }
}
