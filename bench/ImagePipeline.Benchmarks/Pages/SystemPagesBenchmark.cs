using System.Globalization;
using ImagePipeline.Benchmarks.Harness;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.Benchmarks.Pipeline;
using ImagePipeline.Chromium;

namespace ImagePipeline.Benchmarks.Pages;

/// <summary>
/// Issue 23: "a request of 10,000 products opens and moves from page to page in well under a second". One request of
/// <c>--products</c> products (one small image each, <c>--failed-percent</c> of them at a URL that answers 404) runs to
/// its webhook on the real AppHost; then every call the console makes to open it, page through it, filter it and search
/// it is timed through the gateway (real HTTP, the console's page size), <c>--repeats</c> times each, interleaved, and
/// the same paths straight to Ingest (what the gateway adds is the difference). Every answer is checked against what
/// the request holds. Then, when Debian's chromium is there, the console's own first load of the request's page.
/// </summary>
public static class SystemPagesBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.Int("products", 10_000);
        var failedPercent = options.Double("failed-percent", 3);
        var image = ImageSet.ByName(options.String("image", "jpeg-small"));
        var replicas = options.Int("replicas", 2);
        var size = options.Int("limit", 50);
        var hops = options.Int("hops", 100);
        var repeats = options.Int("repeats", 9);
        var warmup = options.Int("warmup", 200);
        var browserRepeats = options.Int("browser-repeats", File.Exists(BrowserSession.ChromiumPath) ? 5 : 0);
        var timeout = TimeSpan.FromMinutes(options.Double("timeout-minutes", 40));

        await using var rig = await SystemRig.StartAsync([image], replicas, options);
        using var ingest = rig.Host.CreateServiceClient("ingest", TimeSpan.FromMinutes(1));

        // a small request of the same make first, and every call once on it both ways: JIT and connections everywhere
        var warmCatalogue = PagesCatalogue.Make(rig.Images, image, warmup, failedPercent, firstUrl: 0);
        var warm = await (await rig.SubmitCsvAsync(warmCatalogue.Csv, warmup, fresh: false)).CompleteAsync(timeout);
        foreach (var probe in (await PagesProbes.FindAsync(rig.Gateway, warm.RequestId, warmCatalogue, size, hops: 1)).Probes)
        {
            await probe.RunAsync(rig.Gateway);
            await probe.RunAsync(ingest);
        }

        var catalogue = PagesCatalogue.Make(rig.Images, image, total, failedPercent, firstUrl: warmup);
        var run = await (await rig.SubmitCsvAsync(catalogue.Csv, total, fresh: false)).CompleteAsync(timeout);
        // the export, the webhook's retries and the services' background JIT settle before anything is timed
        var settled = await QuietMachine.WaitAsync();
        var loadBefore = Machine.LoadAverage();
        var found = await PagesProbes.FindAsync(rig.Gateway, run.RequestId, catalogue, size, hops);
        var probes = found.Probes;
        var throughGateway = probes.Select(_ => new List<TimeSpan>()).ToArray();
        var straight = probes.Select(_ => new List<TimeSpan>()).ToArray();
        var answers = new ProductsPage[probes.Count];
        for (var round = 0; round < repeats; round++)
        {
            for (var i = 0; i < probes.Count; i++)
            {
                answers[i] = await probes[i].RunAsync(rig.Gateway);
                throughGateway[i].Add(answers[i].Latency);
                straight[i].Add((await probes[i].RunAsync(ingest)).Latency);
            }
        }
        var loadAfter = Machine.LoadAverage();

        var loads = new List<ConsoleLoad>();
        if (browserRepeats > 0)
        {
            await using var browser = await BrowserSession.LaunchAsync();
            // one load first: chromium's own start-up and the gateway's static files
            await ConsoleLoad.MeasureAsync(browser, rig.Host.GatewayAddress, run.RequestId, size);
            for (var i = 0; i < browserRepeats; i++)
            {
                loads.Add(await ConsoleLoad.MeasureAsync(browser, rig.Host.GatewayAddress, run.RequestId, size));
            }
        }

        var failed = found.FailedWalk.Products.Count();
        var notPlanned = found.FailedWalk.Products.Select(p => p.SerialNumber).Except(catalogue.FailingSerials).Count();
        var unplanned = notPlanned > 0 ? $" ({notPlanned} of them not at a 404 URL)" : "";
        Console.WriteLine(BuildCheck.Describe(rig.Host));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The request: {total:N0} products, one {image.Name} each ({image.Width}×{image.Height} {image.Format}, avg {image.AverageBytes / 1024:N0} KB), " +
            $"{catalogue.FailingSerials.Count:N0} of them ({failedPercent:0.#}%, spread through it) at a URL the origin answers 404; {replicas} worker replicas; " +
            $"a {warmup}-product request of the same make went first. Upload → webhook {run.UploadToWebhook.TotalSeconds:0} s ({run.ImagesPerSecond:0.0} images/s); " +
            $"webhook {run.Webhook.Status}, {run.Webhook.ImagesFailed:N0} failed; {failed:N0} products with a failed image{unplanned}. Then the machine was {settled}."));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Each call {repeats} times, the calls in turn, each through the gateway (real HTTP on loopback, keep-alive, until the last byte of the body) " +
            $"and then straight to Ingest; every answer checked against the request (products, order, next link). Page size {size} (the console's). " +
            $"Load average before {loadBefore}, after {loadAfter}."));
        Console.WriteLine();
        Console.WriteLine("| in the console | the call | products | body | **through the gateway: median** | max | Ingest alone: median | max |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < probes.Count; i++)
        {
            var (g, d) = (new Latencies(throughGateway[i]), new Latencies(straight[i]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {probes[i].Action} | `{Shorten(probes[i].Path, run.RequestId)}` | {(i == 0 ? "—" : answers[i].Products.Count.ToString(CultureInfo.InvariantCulture))} | {answers[i].Bytes / 1024.0:0.0} KB | " +
                $"**{Latencies.Milliseconds(g.Percentile(0.5))}** | {Latencies.Milliseconds(g.Max)} | {Latencies.Milliseconds(d.Percentile(0.5))} | {Latencies.Milliseconds(d.Max)} |"));
        }
        var walk = new Latencies(found.Walk.Hops);
        var failedWalk = new Latencies(found.FailedWalk.Hops);
        var failedHops = failedWalk.Count == 0 ? "" : $", each Next median {Latencies.Milliseconds(failedWalk.Percentile(0.5))}, max {Latencies.Milliseconds(failedWalk.Max)}";
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Walking every page once through the gateway, as Next goes (the walk that found the paths above, before the timed rounds): " +
            $"{found.Walk.Pages.Count} pages, each Next median {Latencies.Milliseconds(walk.Percentile(0.5))}, p99 {Latencies.Milliseconds(walk.Percentile(0.99))}, " +
            $"max {Latencies.Milliseconds(walk.Max)}, all {found.Walk.Pages.Sum(p => p.Latency.TotalSeconds):0.00} s; Failed only: {found.FailedWalk.Pages.Count} pages{failedHops}."));
        if (loads.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The console itself in Debian's chromium (headless, 1280×900), {loads.Count} loads after one unmeasured, each in a fresh browser context (nothing cached), " +
                $"timed by the page's own clock from the navigation's start; the load average was {Machine.LoadAverage()} at the end."));
            Console.WriteLine();
            Console.WriteLine("| in the console | median | max |");
            Console.WriteLine("|---|---|---|");
            BrowserRow($"open `#/requests/{{id}}`: the first {size} products listed", loads.Select(l => l.Listed));
            BrowserRow("… and, scrolled to them, the previews in view drawn", loads.Select(l => l.PreviewsDrawn));
            BrowserRow($"Next page: the next {size} listed (from the click)", loads.Select(l => l.NextListed));
        }
        return 0;
    }

    private static void BrowserRow(string step, IEnumerable<TimeSpan> samples)
    {
        var stats = new Latencies(samples);
        Console.WriteLine($"| {step} | **{Latencies.Milliseconds(stats.Percentile(0.5))}** | {Latencies.Milliseconds(stats.Max)} |");
    }

    private static string Shorten(string path, Guid requestId) =>
        Uri.UnescapeDataString(path.Replace(requestId.ToString(), "{id}", StringComparison.Ordinal));
}
