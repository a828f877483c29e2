namespace ImagePipeline.Benchmarks.Harness;

/// <summary>
/// Images completed in a timed window, the CPU time this process spent in it, and the load average when it closed.
/// CPU per image is the steadier figure on a shared machine: a neighbour's load stretches the window, not the work.
/// </summary>
public sealed record ThroughputResult(int Images, TimeSpan Elapsed, string Load, TimeSpan Cpu)
{
    public double PerSecond => Images / Elapsed.TotalSeconds;

    public double CpuMsPerImage => Cpu.TotalMilliseconds / Images;
}
