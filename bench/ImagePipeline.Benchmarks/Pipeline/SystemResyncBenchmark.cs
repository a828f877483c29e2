using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Issue 21: a catalogue sent again costs only what changed. One client, one AppHost at its defaults, the real corpus
/// served under fixed URLs by loopback origins that count what they send:
/// (a) the catalogue sent twice to an origin that sends validators and honours conditionals — the second run's worker
/// CPU, bytes downloaded and upload → webhook as ratios of the first (goals ≤ 5%, ≤ 1%, ≤ 10%);
/// (b) the same from an origin that sends no validators (everything downloaded again, nothing compressed again);
/// (c) after (a), a share of its images changed in place (same URL, new bytes): exactly those made again;
/// (d) a catalogue with each URL in N products against the same slots under distinct URLs (what every slot costs when
/// it is its own image, as before the within-request dedupe): one Nth of the worker CPU, one origin request per URL.
/// Every figure is printed; a missed goal is reported, not an error.
/// </summary>
public static class SystemResyncBenchmark
{
    private const double CpuGoal = 0.05;
    private const double BytesGoal = 0.01;
    private const double TimeGoal = 0.10;

    /// <summary>A catalogue of N copies should cost one Nth; this much over it still counts as met (the copies' bookkeeping).</summary>
    private const double CopiesTolerance = 1.10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = options.String("parts", "a,b,c,d").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (parts.Contains("c") && !parts.Contains("a"))
        {
            throw new ArgumentException("--parts: c changes the catalogue of a, so it needs a.");
        }
        var urlsPerProduct = options.Int("urls", 3);
        var replicas = options.Int("replicas", 2);
        var changedPercent = options.Double("changed-percent", 10);
        var shared = options.Int("shared-urls", 12);
        var copies = options.Int("copies", 5);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 20));
        var files = CorpusRequest.Pick(options.String("dir", "bench/corpus/files"), options.Int("images", 1000)).Files;
        var warmFiles = files.Where(f => f.Format == "jpeg").OrderBy(f => f.Variants[0].Length).Take(options.Int("warmup", 4)).ToArray();

        await using var honouring = await ConditionalOrigin.StartAsync();
        await using var plain = await ConditionalOrigin.StartAsync();
        plain.Mode = ConditionalOriginMode.NoValidators;
        await using var rig = await SystemRig.StartWithOriginsAsync([AllowedHost(honouring), AllowedHost(plain)], replicas, options);
        var measure = new Measure(rig, urlsPerProduct, timeout);

        // JIT and first connections on both paths (made and reused), from both origins, under URLs no part uses
        var warmed = new List<string>();
        foreach (var (origin, prefix) in new[] { (honouring, "wv"), (plain, "wn") })
        {
            var warm = ResyncCatalogue.Serve(origin, prefix, warmFiles);
            for (var i = 0; i < 2; i++)
            {
                var run = await measure.RunAsync(origin, "warm-up", warm.Urls());
                warmed.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Webhook.Status} in {run.Time.TotalSeconds:0.0} s"));
            }
        }

        var runs = new List<(ResyncRun Run, ImageReuseCounts Expected)>();
        var goals = new ResyncGoals();
        var notes = new List<string>();
        if (parts.Contains("a"))
        {
            var catalogue = ResyncCatalogue.Serve(honouring, "a", files);
            var first = await measure.RunAsync(honouring, "(a) first, origin sends validators", catalogue.Urls());
            var second = await measure.RunAsync(honouring, "(a) sent again, unchanged", catalogue.Urls());
            runs.Add((first, new(Made: catalogue.Count)));
            runs.Add((second, new(NotModified: catalogue.Count)));
            goals.AtMost("(a) unchanged, validators", "worker CPU", first.WorkerCpu.TotalSeconds, second.WorkerCpu.TotalSeconds, " s", CpuGoal);
            goals.AtMost("(a) unchanged, validators", "bytes downloaded", first.Origin.BodyBytes / 1e6, second.Origin.BodyBytes / 1e6, " MB", BytesGoal);
            goals.AtMost("(a) unchanged, validators", "upload → webhook", first.Time.TotalSeconds, second.Time.TotalSeconds, " s", TimeGoal);
            if (parts.Contains("c"))
            {
                var changed = (int)Math.Round(catalogue.Count * changedPercent / 100);
                var changedBytes = catalogue.Change(changed, "2");
                var expected = new ImageReuseCounts(Made: changed, NotModified: catalogue.Count - changed);
                var third = await measure.RunAsync(honouring, $"(c) sent again, {changed} changed", catalogue.Urls());
                var part = string.Create(CultureInfo.InvariantCulture, $"(c) {changedPercent:0.#}% changed");
                runs.Add((third, expected));
                goals.Reported(part, "worker CPU", first.WorkerCpu.TotalSeconds, third.WorkerCpu.TotalSeconds, " s",
                    "about the changed images' share of the first run's CPU");
                goals.Reported(part, "bytes downloaded", first.Origin.BodyBytes / 1e6, third.Origin.BodyBytes / 1e6, " MB",
                    string.Create(CultureInfo.InvariantCulture, $"{(double)changedBytes / first.Origin.BodyBytes:0.000} (the changed images' new bytes)"));
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"(c) changed {changed} of {catalogue.Count} images in place ({changedPercent:0.#}%, JPEG and PNG spread through the catalogue: a comment inserted, " +
                    $"same picture, new bytes, new ETag): expected made {expected.Made}, not_modified {expected.NotModified}; " +
                    $"measured made {third.Reuse.Made}, not_modified {third.Reuse.NotModified}, same_bytes {third.Reuse.SameBytes}, failed {third.Reuse.Failed} — " +
                    $"**{(Matches(third.Reuse, expected) ? "as expected" : "NOT as expected")}**."));
            }
        }
        if (parts.Contains("b"))
        {
            var catalogue = ResyncCatalogue.Serve(plain, "b", files);
            var first = await measure.RunAsync(plain, "(b) first, origin sends no validators", catalogue.Urls());
            var second = await measure.RunAsync(plain, "(b) sent again, unchanged", catalogue.Urls());
            runs.Add((first, new(Made: catalogue.Count)));
            runs.Add((second, new(SameBytes: catalogue.Count)));
            goals.Reported("(b) unchanged, no validators", "worker CPU", first.WorkerCpu.TotalSeconds, second.WorkerCpu.TotalSeconds, " s",
                "falls: downloaded and hashed, not compressed");
            goals.Reported("(b) unchanged, no validators", "bytes downloaded", first.Origin.BodyBytes / 1e6, second.Origin.BodyBytes / 1e6, " MB",
                "1: nothing to ask a conditional with");
            goals.Reported("(b) unchanged, no validators", "upload → webhook", first.Time.TotalSeconds, second.Time.TotalSeconds, " s", "falls");
        }
        if (parts.Contains("d"))
        {
            var sharedFiles = files.Take(shared).ToArray();
            // the same slots with every slot its own URL: what the catalogue costs when no slot can serve another
            var distinct = Enumerable.Range(0, copies).Select(k => ResyncCatalogue.Serve(honouring, $"d{k}", sharedFiles)).ToArray();
            var baseline = await measure.RunAsync(honouring, $"(d) {shared} files × {copies}, every slot its own URL", [.. distinct.SelectMany(c => c.Urls())]);
            var catalogue = ResyncCatalogue.Serve(honouring, "dd", sharedFiles);
            var expected = new ImageReuseCounts(Made: shared, SameRequest: shared * (copies - 1));
            var deduped = await measure.RunAsync(honouring, $"(d) {shared} URLs, each in {copies} products", catalogue.Urls(copies));
            runs.Add((baseline, new(Made: shared * copies)));
            runs.Add((deduped, expected));
            var fifth = 1.0 / copies;
            goals.AtMost($"(d) each URL in {copies} products", "worker CPU", baseline.WorkerCpu.TotalSeconds, deduped.WorkerCpu.TotalSeconds, " s", fifth * CopiesTolerance);
            goals.AtMost($"(d) each URL in {copies} products", "origin requests", baseline.Origin.Requests, deduped.Origin.Requests, "", fifth);
            goals.Reported($"(d) each URL in {copies} products", "bytes downloaded", baseline.Origin.BodyBytes / 1e6, deduped.Origin.BodyBytes / 1e6, " MB",
                string.Create(CultureInfo.InvariantCulture, $"{fifth:0.00}"));
            goals.Reported($"(d) each URL in {copies} products", "upload → webhook", baseline.Time.TotalSeconds, deduped.Time.TotalSeconds, " s",
                string.Create(CultureInfo.InvariantCulture, $"about {fifth:0.00}"));
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"(d) origin requests for the {shared}-URL catalogue: expected {shared}, measured **{deduped.Origin.Requests}**; " +
                $"compared to the same {shared * copies} slots with every slot its own URL (the same files, so the same work per slot), not to a fresh=true upload " +
                $"(fresh turns off reuse across requests, not within one)."));
        }

        Print(rig, measure, files, urlsPerProduct, replicas, warmFiles, warmed, runs, goals, notes);
        return 0;
    }

    /// <summary>What <c>Fetch:AllowedHosts</c> must hold for the workers to fetch from <paramref name="origin"/>.</summary>
    private static string AllowedHost(ConditionalOrigin origin) => $"127.0.0.1:{origin.Server.BaseUri.Port}";

    private static bool Matches(ImageReuseCounts measured, ImageReuseCounts expected) => measured == expected;

    private static void Print(SystemRig rig, Measure measure, IReadOnlyList<BenchImage> files, int urlsPerProduct, int replicas, IReadOnlyList<BenchImage> warmFiles,
        IReadOnlyList<string> warmed, IReadOnlyList<(ResyncRun Run, ImageReuseCounts Expected)> runs, ResyncGoals goals, IReadOnlyList<string> notes)
    {
        Console.WriteLine(BuildCheck.Describe(rig.Host));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Catalogue: {files.Count} real corpus files ({string.Join(", ", files.GroupBy(f => f.Format).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}, " +
            $"{files.Sum(f => (long)f.Variants[0].Length) / 1e6:0.0} MB), {urlsPerProduct} URLs per product, each under a fixed URL on a loopback origin in this process; " +
            $"one client; {replicas} worker replicas at the AppHost's defaults. Origins: one sends ETag and Last-Modified and answers conditionals with 304, " +
            $"one sends no validators. Warm-up first: {warmFiles.Count} small JPEGs sent twice to each origin ({string.Join("; ", warmed)}). " +
            $"Worker CPU is the image-worker processes' only (/proc), from upload to webhook; bytes downloaded are the origin's response bodies; " +
            $"how each image came to its result is read from {measure.Sources}."));
        Console.WriteLine();
        Console.WriteLine("| upload | slots | upload → webhook | worker CPU | origin requests (200 / 304) | MB sent | made | same_request | not_modified | same_bytes | failed | expected | webhook | load at end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (run, expected) in runs)
        {
            Console.WriteLine(run.Row(Matches(run.Reuse, expected) ? "as expected" : $"**expected {expected.Describe()}**"));
        }
        Console.WriteLine();
        goals.Print();
        Console.WriteLine();
        foreach (var note in notes)
        {
            Console.WriteLine($"- {note}");
        }
    }

    /// <summary>Uploads a catalogue and measures it.</summary>
    private sealed class Measure(SystemRig rig, int urlsPerProduct, TimeSpan timeout)
    {
        private readonly SortedSet<string> _sources = new(StringComparer.Ordinal);

        /// <summary>Where the reuse kinds came from: each image's <c>reuse</c> in the products, or the status's counts.</summary>
        public string Sources => _sources.Count == 0 ? "nothing yet" : string.Join(" and ", _sources.Select(s => s == "products" ? "each image's `reuse` in the products API" : "the status's `reused` counts"));

        public async Task<ResyncRun> RunAsync(ConditionalOrigin origin, string label, IReadOnlyList<string> urls)
        {
            var csv = PipelineClient.Csv(urls, urlsPerProduct);
            origin.ResetCounts();
            var cpu = SystemCpu.Start(rig.Host);
            var submitted = await rig.SubmitCsvAsync(csv, urls.Count, fresh: false);
            var run = await submitted.CompleteAsync(timeout);
            cpu.Stop();
            var (reuse, source) = await PipelineClient.ReuseCountsAsync(rig.Gateway, run.RequestId, CancellationToken.None);
            Console.Error.WriteLine($"== {label}: {run.Webhook.Status}, {run.UploadToWebhook.TotalSeconds:0.0} s, {reuse.Describe()} (from the {source})");
            _sources.Add(source);
            return new ResyncRun(label, urls.Count, run.UploadToWebhook, cpu.Used("imageworker"), origin.Total, reuse, run.Webhook, Machine.LoadAverage());
        }
    }
}
