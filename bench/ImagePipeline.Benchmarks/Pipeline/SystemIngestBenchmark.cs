using System.Diagnostics;
using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Ingest;
using ImagePipeline.TestSupport.Diagnostics;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// A large upload through the real gateway and ingest, with no image worker (<c>ImageWorker:Replicas=0</c>): how long
/// the upload takes to be answered (goal &lt; 3 s at 100,000 rows), how long until every ProcessImage waits in the
/// worker's queue, and the peak memory of the gateway and ingest processes. A fresh AppHost per row count.
/// </summary>
public static class SystemIngestBenchmark
{
    private static readonly TimeSpan AnswerGoal = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(50);

    // the window as the benchmark pins it (no worker runs, so it is Ingest:MinDispatchWindow): the ProcessImage
    // messages a request has queued at once
    private const int Window = 16;

    private sealed record Result(int Rows, long Gateway, long Ingest, TimeSpan Answered, TimeSpan Queued);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rowCounts = options.String("rows", "10000,100000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var urls = options.Int("urls", 3);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 15));

        var results = new List<Result>();
        for (var i = 0; i < rowCounts.Length; i++)
        {
            results.Add(await RunOnceAsync(rowCounts[i], urls, timeout, options, header: i == 0));
        }
        Console.WriteLine();
        var last = results[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Upload answered at {last.Rows:N0} rows in {last.Answered.TotalSeconds:0.00} s: goal < {AnswerGoal.TotalSeconds:0} s **{(last.Answered < AnswerGoal ? "met" : "not met")}**."));
        if (results.Count > 1)
        {
            var first = results[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Peak memory at {last.Rows:N0} rows ÷ at {first.Rows:N0} rows ({(double)last.Rows / first.Rows:0.#}× the rows): " +
                $"gateway **{(double)last.Gateway / first.Gateway:0.00}**, ingest **{(double)last.Ingest / first.Ingest:0.00}** (1.00 = flat)."));
        }
        return 0;
    }

    private static async Task<Result> RunOnceAsync(int rows, int urls, TimeSpan timeout, BenchOptions options, bool header)
    {
        var path = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-system-{Guid.NewGuid():N}.csv");
        try
        {
            CsvGenerator.Write(path, rows, urls);
            var expected = (long)rows * urls;
            // ingest records the whole request, then releases its first window of images (not all of them): the time
            // to that window is the time to record the request. Window and origin limit pinned, so the window is the same
            // whatever hosts the generated URLs name
            string[] settings = [$"Ingest:MinDispatchWindow={Window}", $"Ingest:OriginConcurrencyInitial={Window}"];
            var released = Math.Min(expected, Window);
            await using var host = await SystemHost.StartAsync(workerReplicas: 0, allowedHosts: [], settings);
            BuildCheck.Require(host, options);
            if (header)
            {
                Console.WriteLine(BuildCheck.Describe(host) + " No image worker runs (`ImageWorker:Replicas=0`); the worker's queue is declared by the benchmark with the worker's own topology, so the messages wait there.");
                Console.WriteLine();
                Console.WriteLine("| rows | image URLs | CSV | in-process CSV read (same file) | upload answered (202) | upload → recorded and its first window queued | image rows recorded/s | rabbitmqctl list_queues | gateway peak RSS (idle before) | ingest peak RSS (idle before) | load at end |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            }

            // the in-process baseline, on the same file, while the AppHost is idle
            await IngestBenchmark.ReadAsync(path, maxRows: 10);
            var read = Stopwatch.StartNew();
            var (products, _, errors) = await IngestBenchmark.ReadAsync(path, maxRows: int.MaxValue);
            read.Stop();
            if (products != rows || errors != 0)
            {
                throw new InvalidOperationException($"The generated CSV read as {products} products with {errors} errors.");
            }

            await using var queue = await WorkerQueue.DeclareAsync(await host.MessagingConnectionStringAsync(), CancellationToken.None);
            using var client = host.CreateGatewayClient(TimeSpan.FromMinutes(5));
            await WarmUpAsync(client, queue, timeout);
            var gateway = host.ServiceProcessIds("gateway").Single();
            var ingest = host.ServiceProcessIds("ingest").Single();
            // after the warm-up: "idle" is a started, warmed service with nothing to do
            var idle = (Gateway: ProcessMemory.Read(gateway).Rss, Ingest: ProcessMemory.Read(ingest).Rss);
            // VmHWM from here on is this upload's peak, not start-up's; where the kernel refuses, it is the lifetime peak
            var reset = ProcessMemory.TryResetPeak(gateway) & ProcessMemory.TryResetPeak(ingest);

            var started = Stopwatch.GetTimestamp();
            await using (var file = File.OpenRead(path))
            {
                using var content = new StreamContent(file, 65536);
                await PipelineClient.UploadAsync(client, content, webhookUrl: null, CancellationToken.None);
            }
            var answered = Stopwatch.GetElapsedTime(started);
            var queued = await WaitForQueueAsync(queue, released, started, timeout);
            var counted = (await host.RabbitMQ().QueueDepthsAsync()).GetValueOrDefault(queue.Name, -1);
            var peaks = (Gateway: ProcessMemory.Read(gateway).Peak, Ingest: ProcessMemory.Read(ingest).Peak);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {expected:N0} | {new FileInfo(path).Length / 1048576.0:0.0} MB | {read.Elapsed.TotalMilliseconds:0} ms | " +
                $"**{answered.TotalSeconds:0.00} s** | **{queued.TotalSeconds:0.0} s** | {expected / queued.TotalSeconds:N0} | {counted:N0} in {queue.Name} | " +
                $"**{ProcessMemory.Megabytes(peaks.Gateway)}** ({ProcessMemory.Megabytes(idle.Gateway)}) | **{ProcessMemory.Megabytes(peaks.Ingest)}** ({ProcessMemory.Megabytes(idle.Ingest)}) | {Machine.LoadAverage()} |"));
            if (!reset)
            {
                Console.WriteLine("| | | | | | | | | peaks are lifetime peaks (VmHWM reset refused) | | |");
            }
            return new Result(rows, peaks.Gateway, peaks.Ingest, answered, queued);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A small upload first: the first request through the gateway and ingest pays for JIT and first connections, which
    /// is start-up, not the cost of a large upload. Its messages are purged once they are all queued.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient client, WorkerQueue queue, TimeSpan timeout)
    {
        const int rows = 10;
        var path = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-system-{Guid.NewGuid():N}.csv");
        try
        {
            CsvGenerator.Write(path, rows, 1);
            using var content = new StringContent(await File.ReadAllTextAsync(path));
            await PipelineClient.UploadAsync(client, content, webhookUrl: null, CancellationToken.None);
            await WaitForQueueAsync(queue, rows, Stopwatch.GetTimestamp(), timeout);
            await queue.PurgeAsync(CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<TimeSpan> WaitForQueueAsync(WorkerQueue queue, long expected, long started, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long count;
        while ((count = await queue.CountAsync(CancellationToken.None)) < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{count:N0} of {expected:N0} ProcessImage messages queued after {timeout.TotalMinutes:0} min.");
            }
            await Task.Delay(QueuePollInterval);
        }
        return Stopwatch.GetElapsedTime(started);
    }
}
