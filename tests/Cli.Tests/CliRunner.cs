using System.Diagnostics;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// Runs the built <c>imagepipeline</c> as its own process, as a shell script would: arguments, environment, exit code,
/// stdout and stderr. The test process's own IMAGEPIPELINE_* variables are never passed on.
/// </summary>
public sealed class CliRunner(Uri gateway, string? apiKey)
{
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private static readonly string CliPath = Path.Combine(AppContext.BaseDirectory, "imagepipeline.dll");

    /// <summary>With the gateway and API key in the environment, the way a user sets them once.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => RunWithAsync(Environment(), arguments);

    public Dictionary<string, string?> Environment() => new()
    {
        ["IMAGEPIPELINE_GATEWAY"] = gateway.ToString(),
        ["IMAGEPIPELINE_API_KEY"] = apiKey,
    };

    public static async Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(CliPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("IMAGEPIPELINE_GATEWAY");
        start.Environment.Remove("IMAGEPIPELINE_API_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("imagepipeline did not start");
        using var deadline = new CancellationTokenSource(RunTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"imagepipeline {string.Join(' ', arguments)} did not finish within {RunTimeout.TotalMinutes:0} min");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
