using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ImagePipeline.Benchmarks.Harness;

namespace ImagePipeline.Benchmarks.Micro;

/// <summary>
/// BenchmarkDotNet where it fits: single-image latency. In-process, so BenchmarkDotNet does not generate and build a
/// project of its own (which central package management and warnings-as-errors would refuse), and so the allocator
/// settings of this process apply to what it measures.
/// </summary>
public static class MicroBenchmarks
{
    public static int Run(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var artifacts = options.String("artifacts", Path.Combine(Path.GetTempPath(), "imagepipeline-bdn"));
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts);
        var summary = BenchmarkRunner.Run<CompressBenchmarks>(config);
        var report = Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-github.md").FirstOrDefault();
        if (report is not null)
        {
            Console.WriteLine("<!-- markdown -->");
            Console.WriteLine(File.ReadAllText(report));
        }
        return summary.HasCriticalValidationErrors ? 1 : 0;
    }
}
