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

    /// <summary>Runs <paramref name="tool"/> <c>-n</c> <paramref name="node"/> with <paramref name="environment"/>; throws with its output unless it exits 0.</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, string node, string tool, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Path.Combine(RabbitMQNodeFiles.BinDirectory, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
