using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Corpus;
using ImagePipeline.Benchmarks.Gateway;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Ingest;
using ImagePipeline.Benchmarks.Micro;
using ImagePipeline.Benchmarks.Pages;
using ImagePipeline.Benchmarks.Pipeline;
using ImagePipeline.Benchmarks.Worker;

// each command prints a Markdown fragment; bench/run.sh stitches them into RESULTS.md
var options = BenchOptions.Parse(args);
return options.Command switch
{
    "floor" => await FloorBenchmark.RunAsync(options),
    "allocator" => await AllocatorBenchmark.RunAsync(options),
    "worker" => await WorkerBenchmark.RunAsync(options),
    "worker-parts" => await WorkerPartsBenchmark.RunAsync(options),
    "ingest" => await IngestBenchmark.RunAsync(options),
    "micro" => MicroBenchmarks.Run(options),
    "system gateway-memory" => await GatewayMemoryBenchmark.RunAsync(options),
    "system ingest" => await SystemIngestBenchmark.RunAsync(options),
    "system e2e" => await SystemEndToEndBenchmark.RunAsync(options),
    "system corpus" => await SystemCorpusBenchmark.RunAsync(options),
    "system scaleout" => await SystemScaleOutBenchmark.RunAsync(options),
    "system origin" => await SystemOriginBenchmark.RunAsync(options),
    "system status" => await SystemStatusBenchmark.RunAsync(options),
    "system resync" => await SystemResyncBenchmark.RunAsync(options),
    "system pages" => await SystemPagesBenchmark.RunAsync(options),
    "corpus" => CorpusRun.Run(options),
    "corpus-compare" => CorpusCompare.Run(options),
    "previews" => PreviewCostRun.Run(options),
    "png-rule" => PngRuleExperiment.Run(options),
    "jpeg-stages" => JpegStagesExperiment.Run(options),
    "machine" => Machine.Print(),
    _ => BenchOptions.Usage(),
};
