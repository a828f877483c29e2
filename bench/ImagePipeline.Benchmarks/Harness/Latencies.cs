using System.Globalization;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>A set of measured latencies and their nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly double[] _sorted;

    public Latencies(IEnumerable<TimeSpan> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _sorted = [.. samples.Select(s => s.TotalMilliseconds).Order()];
    }

    public int Count => _sorted.Length;

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>The smallest sample at or above fraction <paramref name="q"/> of them (q = 0.99 for p99).</summary>
    public double Percentile(double q) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(q * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public static string Milliseconds(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
}
