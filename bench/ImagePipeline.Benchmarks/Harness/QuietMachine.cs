using System.Diagnostics;
using System.Globalization;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>
/// Waits until the whole machine is quiet before a measurement. A freshly started AppHost's services spend their first
/// minute or two starting and compiling (tiered JIT recompiles hot methods in the background after the warm-up
/// request): measured then, the floor and the system both lose cores to it, by different amounts.
/// </summary>
public static class QuietMachine
{
    /// <summary>The share of all cores the machine may keep busy and still count as quiet.</summary>
    public const double MaxBusy = 0.15;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Waits (at most three minutes) until a 3 s window of the machine's CPU (<c>/proc/stat</c>, every process) is at
    /// most <see cref="MaxBusy"/> busy, and says how long that took and how busy the last window was.
    /// </summary>
    public static async Task<string> WaitAsync()
    {
        var started = Stopwatch.GetTimestamp();
        double busy;
        do
        {
            var before = ProcCpu.OfMachine();
            await Task.Delay(Window);
            var after = ProcCpu.OfMachine();
            var total = after.Total - before.Total;
            busy = total <= TimeSpan.Zero ? 0 : (after.Busy - before.Busy) / total;
        }
        while (busy > MaxBusy && Stopwatch.GetElapsedTime(started) < Patience);
        var waited = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return busy <= MaxBusy
            ? string.Create(CultureInfo.InvariantCulture, $"quiet after {waited:0} s ({busy:P0} of the cores busy)")
            : string.Create(CultureInfo.InvariantCulture, $"still {busy:P0} busy after {waited:0} s; measured anyway");
    }
}
