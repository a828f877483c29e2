using System.Diagnostics;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>CPU time this process (every thread, native code included) has used since <see cref="Start"/>.</summary>
public readonly struct CpuClock
{
    private readonly TimeSpan _start;

    private CpuClock(TimeSpan start) => _start = start;

    public static CpuClock Start() => new(Now());

    public TimeSpan Elapsed => Now() - _start;

    private static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
