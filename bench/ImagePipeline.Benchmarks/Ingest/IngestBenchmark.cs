using System.Diagnostics;
using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;
using ImagePipeline.TestSupport.Diagnostics;

namespace ImagePipeline.Benchmarks.Ingest;

/// <summary>
/// ProductCsvReader, which gateway (validation) and ingest (reading) both run over an upload, over a generated CSV: time,
/// bytes allocated, and peak resident memory while reading. Run once per row count, each in its own process, so the
/// peaks compare: a streaming reader's peak must not grow with the rows.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options.Int("rows", 100_000);
        var urls = options.Int("urls", 3);
        var path = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-{Guid.NewGuid():N}.csv");
        try
        {
            CsvGenerator.Write(path, rows, urls);
            var fileBytes = new FileInfo(path).Length;
            // JIT and CsvHelper's first use are fixed costs, not per-row ones
            await ReadAsync(path, maxRows: 10);

            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var peakReset = ProcessMemory.IsAvailable && ProcessMemory.TryResetPeak(Environment.ProcessId);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            var (products, imageUrls, errors) = await ReadAsync(path, maxRows: int.MaxValue);
            stopwatch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var peakWhileReading = ProcessMemory.IsAvailable ? ProcessMemory.Read(Environment.ProcessId).Peak : -1;
            var heapAfter = GC.GetTotalMemory(forceFullCollection: false);
            using var process = Process.GetCurrentProcess();

            if (errors > 0 || products != rows)
            {
                throw new InvalidOperationException($"Read {products} of {rows} products with {errors} errors.");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {imageUrls:N0} | {fileBytes / 1048576.0:0.0} MB | **{stopwatch.Elapsed.TotalMilliseconds:0} ms** | {rows / stopwatch.Elapsed.TotalSeconds:N0} | " +
                $"{allocated / 1048576.0:0.0} MB ({(double)allocated / rows:0} B/row) | {heapBefore / 1048576.0:0.0} → {heapAfter / 1048576.0:0.0} MB | " +
                $"**{(peakReset ? ProcessMemory.Megabytes(peakWhileReading) : "n/a")}** | {ProcessMemory.Megabytes(process.PeakWorkingSet64)} | {Machine.LoadAverage()} |"));
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<(int Products, int Urls, int Errors)> ReadAsync(string path, int maxRows)
    {
        var reader = new ProductCsvReader(new CsvLimits());
        var errors = new List<CsvError>();
        int products = 0, urls = 0;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
        await foreach (var product in reader.ReadAsync(file, errors, CancellationToken.None))
        {
            products++;
            urls += product.ImageUrls.Count;
            if (products >= maxRows)
            {
                break;
            }
        }
        return (products, urls, errors.Count);
    }
}
