using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Pipeline;
using ImagePipeline.TestSupport.Diagnostics;

namespace ImagePipeline.Benchmarks.Gateway;

/// <summary>
/// Issue 10, item 1: the gateway's peak memory for an upload full of errors (20 products × 450,000 bare "URLs", ≈ 18 MB)
/// against a valid upload just under <c>Csv:MaxBytes</c> (20 MB), through the real AppHost with no image worker. Goal:
/// the error upload answered in under a second, the gateway's peak RSS growing by less than 64 MB.
/// </summary>
public static class GatewayMemoryBenchmark
{
    private const long GrowthGoal = 64L * 1024 * 1024;
    private static readonly TimeSpan AnswerGoal = TimeSpan.FromSeconds(1);

    private sealed record Measured(string Upload, long Bytes, int Status, string Answer, TimeSpan Answered, TimeSpan GatewayCpu, long Idle, long Peak, string Load);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = options.Int("rows", 20);
        var urlsPerRow = options.Int("urls", 450_000);
        var validBytes = (long)options.Double("valid-mb", 20) * 1024 * 1024;
        var urlLength = options.Int("url-length", 1000);

        var hostile = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-errors-{Guid.NewGuid():N}.csv");
        var valid = Path.Combine(Path.GetTempPath(), $"imagepipeline-bench-valid-{Guid.NewGuid():N}.csv");
        try
        {
            UploadCsvs.WriteBareUrls(hostile, rows, urlsPerRow);
            var validRows = UploadCsvs.WriteValid(valid, validBytes, urlLength);

            await using var host = await SystemHost.StartAsync(workerReplicas: 0, allowedHosts: []);
            BuildCheck.Require(host, options);
            using var client = host.CreateGatewayClient(TimeSpan.FromMinutes(5));
            var gateway = host.ServiceProcessIds("gateway").Single();
            // JIT, the first connection and the first validation belong to start-up, not to either upload
            await UploadAsync(client, PipelineClient.Csv(["https://img.example/warm-up.jpg"], 1));

            // the valid upload first: memory the error upload leaves behind would hide the valid one's growth
            var accepted = await MeasureAsync(client, gateway, $"valid, {validRows:N0} products × 1 URL of {urlLength:N0} characters", valid);
            var errors = await MeasureAsync(client, gateway, $"{rows} products × {urlsPerRow:N0} bare \"URLs\" (every one an error)", hostile);

            Console.WriteLine(BuildCheck.Describe(host) + " No image worker runs (`ImageWorker:Replicas=0`).");
            Console.WriteLine();
            Console.WriteLine("| upload | CSV | answer | answered in | gateway CPU | gateway RSS before | gateway peak RSS | peak growth | load after |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var m in new[] { accepted, errors })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {m.Upload} | {m.Bytes / 1048576.0:0.0} MB | {m.Status} {m.Answer} | **{m.Answered.TotalSeconds:0.00} s** | {m.GatewayCpu.TotalSeconds:0.00} s | " +
                    $"{ProcessMemory.Megabytes(m.Idle)} | {ProcessMemory.Megabytes(m.Peak)} | **{ProcessMemory.Megabytes(m.Peak - m.Idle)}** | {m.Load} |"));
            }
            Console.WriteLine();
            var growth = errors.Peak - errors.Idle;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Error upload: answered in {errors.Answered.TotalSeconds:0.00} s (goal < {AnswerGoal.TotalSeconds:0} s **{(errors.Answered < AnswerGoal ? "met" : "not met")}**), " +
                $"peak growth {ProcessMemory.Megabytes(growth)} (goal < {ProcessMemory.Megabytes(GrowthGoal)} **{(growth < GrowthGoal ? "met" : "not met")}**); " +
                $"its peak growth ÷ the valid upload's: **{(double)growth / Math.Max(1, accepted.Peak - accepted.Idle):0.00}**."));
            return 0;
        }
        finally
        {
            File.Delete(hostile);
            File.Delete(valid);
        }
    }

    private static async Task<Measured> MeasureAsync(HttpClient client, int gateway, string upload, string path)
    {
        var idle = ProcessMemory.Read(gateway).Rss;
        // VmHWM from here on is this upload's peak
        if (!ProcessMemory.TryResetPeak(gateway))
        {
            throw new InvalidOperationException("The kernel refused to reset the gateway's peak RSS (/proc/<pid>/clear_refs); the peak would be its lifetime's.");
        }
        // CPU as well as wall time: on a shared machine the wall time is mostly other people's load
        var cpu = ProcCpu.OfProcess(gateway);
        var started = Stopwatch.GetTimestamp();
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 65536);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using var response = await client.PostAsync("/api/requests", content);
        var body = await response.Content.ReadAsStringAsync();
        var answered = Stopwatch.GetElapsedTime(started);
        var peak = ProcessMemory.Read(gateway).Peak;
        var used = ProcCpu.OfProcess(gateway) - cpu;
        return new Measured(upload, new FileInfo(path).Length, (int)response.StatusCode, Summary(body), answered, used, idle, peak, Machine.LoadAverage());
    }

    private static string Summary(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("errorCount", out var count)
            ? string.Create(CultureInfo.InvariantCulture, $"errorCount {count.GetInt64():N0}")
            : json.RootElement.TryGetProperty("imageCount", out var images) ? string.Create(CultureInfo.InvariantCulture, $"{images.GetInt32():N0} images") : "";
    }

    private static async Task UploadAsync(HttpClient client, string csv)
    {
        using var content = new StringContent(csv);
        await PipelineClient.UploadAsync(client, content, webhookUrl: null, CancellationToken.None);
    }
}
