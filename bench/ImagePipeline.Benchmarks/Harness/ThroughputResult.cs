namespace ImagePipeline.Benchmarks.Harness;

/// <summary>Images completed in a timed window, and the load average when the window closed.</summary>
public sealed record ThroughputResult(int Images, TimeSpan Elapsed, string Load)
{
    public double PerSecond => Images / Elapsed.TotalSeconds;
}
