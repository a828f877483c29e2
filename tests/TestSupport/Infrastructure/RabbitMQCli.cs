using System.Diagnostics;
using System.Globalization;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>Runs one of RabbitMQ's CLI tools (<c>rabbitmqctl</c>, <c>rabbitmq-queues</c>, …) against a node a test started, the way an operator would.</summary>
public static class RabbitMQCli
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Messages in every queue, by queue name, as <paramref name="node"/> reports them.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> QueueDepthsAsync(IReadOnlyDictionary<string, string> environment, string node)
    {
        var output = await RunAsync(environment, node, "rabbitmqctl", "list_queues", "name", "messages", "--quiet", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 2)
            .ToDictionary(fields => fields[0], fields => long.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Queue type (<c>quorum</c> or <c>classic</c>) by queue name, of the durable queues only, as <paramref name="node"/>
    /// reports them; the tool runs after <paramref name="launchPrefix"/> if one is given (see <see cref="RunAsync(IReadOnlyList{string}, IReadOnlyDictionary{string, string}, string, string, string[])"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> DurableQueueTypesAsync(IReadOnlyDictionary<string, string> environment, string node, IReadOnlyList<string>? launchPrefix = null)
    {
        var output = await RunAsync(launchPrefix ?? [], environment, node, "rabbitmqctl", "list_queues", "name", "type", "durable", "--quiet", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 3 && fields[2] == "true")
            .ToDictionary(fields => fields[0], fields => fields[1]);
    }

    /// <summary>Runs <paramref name="tool"/> <c>-n</c> <paramref name="node"/> with <paramref name="environment"/>; throws with its output unless it exits 0.</summary>
    public static Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, string node, string tool, params string[] arguments) =>
        RunAsync([], environment, node, tool, arguments);

    /// <summary>
    /// As <see cref="RunAsync(IReadOnlyDictionary{string, string}, string, string, string[])"/>, with the tool run after
    /// <paramref name="launchPrefix"/> (e.g. <c>ip netns exec NS</c>: on another host, beside the node's own epmd).
    /// </summary>
    public static async Task<string> RunAsync(IReadOnlyList<string> launchPrefix, IReadOnlyDictionary<string, string> environment, string node, string tool, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(launchPrefix);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var command = launchPrefix.Append(Path.Combine(RabbitMQNodeFiles.BinDirectory, tool)).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(node);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        // a CLI run that finds no epmd on ERL_EPMD_PORT would start one as a daemon that outlives the test; this makes it fail instead
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
            throw new TimeoutException($"{tool} -n {node} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds:0} s");
        }
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{tool} -n {node} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stdout}{await stderr}");
    }
}
