using System.Diagnostics;
using System.Globalization;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Codec;

/// <summary>
/// The floor with and without the glibc settings the AppHost gives worker processes. They act only from process start,
/// so each measurement is a child process of this one; tuned and default alternate, so both see the same load.
/// </summary>
public static class AllocatorBenchmark
{
    public static readonly IReadOnlyDictionary<string, string> Tuned = new Dictionary<string, string>
    {
        ["MALLOC_ARENA_MAX"] = "2",
        ["MALLOC_MMAP_MAX_"] = "0",
        ["MALLOC_TRIM_THRESHOLD_"] = "4294967295",
    };

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rounds = options.Int("rounds", 2);
        var seconds = options.Double("seconds", 8);
        var kinds = options.String("only", "jpeg-3mp,jpeg-12mp").Split(',');

        Console.WriteLine($"| image | round | glibc default img/s | tuned img/s | tuned ÷ default | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var kind in kinds)
        {
            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                // alternate which goes first
                double tuned, plain;
                if (round % 2 == 1)
                {
                    tuned = await ChildAsync(kind, seconds, tunedAllocator: true);
                    plain = await ChildAsync(kind, seconds, tunedAllocator: false);
                }
                else
                {
                    plain = await ChildAsync(kind, seconds, tunedAllocator: false);
                    tuned = await ChildAsync(kind, seconds, tunedAllocator: true);
                }
                ratios.Add(tuned / plain);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {round} | {plain:0.00} | {tuned:0.00} | {tuned / plain:0.00} | {Machine.LoadAverage()} |"));
            }
            // a geometric mean: ratios of 0.5 and 2 cancel out, as they should
            var mean = Math.Exp(ratios.Average(Math.Log));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | geometric mean | | | **{mean:0.00}** | |"));
        }
        return 0;
    }

    private static async Task<double> ChildAsync(string kind, double seconds, bool tunedAllocator)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "floor", "--only", kind, "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--raw", "true" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Tuned)
        {
            if (tunedAllocator)
            {
                start.Environment[name] = value;
            }
            else
            {
                start.Environment.Remove(name);
            }
        }
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"floor for {kind} exited with {child.ExitCode}.");
        }
        return double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }
}
