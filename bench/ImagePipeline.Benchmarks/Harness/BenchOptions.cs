using System.Globalization;

namespace ImagePipeline.Benchmarks.Harness;

/// <summary>The command and its <c>--name value</c> settings; every figure a run uses is one of these.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values;

    private BenchOptions(string command, Dictionary<string, string> values)
    {
        Command = command;
        _values = values;
    }

    public string Command { get; }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new BenchOptions(args.Length > 0 ? args[0] : "", values);
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public static int Usage()
    {
        Console.Error.WriteLine("""
            usage: ImagePipeline.Benchmarks <command> [--name value ...]
              machine                          the machine and process settings, as Markdown
              floor   [--seconds 8] [--parallel nproc] [--only kind,...] [--raw true]
                                               ImageCompressor.Compress in-process, images/s per size and format
              allocator [--seconds 8] [--rounds 2] [--only jpeg-3mp,jpeg-12mp]
                                               the floor in child processes with and without the AppHost's glibc settings
              worker  [--seconds 8] [--rounds 5] [--concurrency 4]
                                               download + compress + store (direct and through the consumer on an
                                               in-memory bus) at 3 MP versus the floor, interleaved rounds
              ingest  --rows 100000 [--urls 3] ProductCsvReader over a generated CSV: time, allocations, peak RSS
              micro                            BenchmarkDotNet: one Compress per operation (ShortRun)
            """);
        return 2;
    }
}
