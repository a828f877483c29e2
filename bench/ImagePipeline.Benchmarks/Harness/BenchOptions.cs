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
        // a command family takes its member as a second word: "system ingest --rows 10000"
        var words = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? 2 : 1;
        for (var i = words; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new BenchOptions(string.Join(' ', args.Take(words)), values);
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
              corpus  --engine vips|magick [--dir bench/corpus/files] [--out F.tsv] [--only text] [--png-min-ssim 0.95]
                      [--png-undithered-mp 10]
                                               every real-corpus file once, one at a time: a TSV row per image
              corpus-compare --ours vips.tsv --sharp sharp.tsv [--magick magick.tsv]
                                               the per-format table, ours ÷ sharp's (bench/corpus/run.sh runs all of it)
              previews [--dir bench/corpus/files] [--only text]
                                               every real-corpus file compressed, then its two previews made: their CPU
                                               and bytes as a share of the compression's (issue 23)
              png-rule [--dir bench/corpus/files] [--only text] [--large-mp 8]
                                               per corpus PNG: palette bytes, SSIM and CPU at the rule's settings and
                                               the alternatives (lossless, quality 90, no dithering, effort 1)
            the whole system through the real AppHost in local mode (services must be Release builds unless
            --allow-debug true; --concurrency N sets ImageWorker:Concurrency; --timeout-minutes bounds every wait):
              system gateway-memory [--rows 20] [--urls 450000] [--valid-mb 20] [--url-length 1000]
              system ingest [--rows 10000,100000] [--urls 3]
                                               no image workers: upload answer time, upload -> every ProcessImage
                                               queued, gateway and ingest peak RSS; a fresh AppHost per row count
              system e2e [--images 1000] [--mix jpeg-0.5mp:55,jpeg-3mp:35,jpeg-12mp:5,png-1mp:2.5,webp-1mp:2.5]
                         [--replicas 2] [--urls 3] [--warmup 10]
                                               upload -> webhook versus the floor on the same images (goal <= 1.3x)
              system corpus [--images 180] [--urls 3] [--replicas 2] [--codec vips|magick] [--floors 2] [--warmup 9]
                            [--dir bench/corpus/files]
                                               real corpus files, upload -> webhook at default settings versus the
                                               floor on the same images, same engine (goal <= 1.3x)
              system scaleout [--images 120] [--image jpeg-3mp] [--replicas 1,2] [--warmup 8]
                                               the same request with 1 then 2 workers (a fresh AppHost each), vs the floor
              system origin [--images 1000] [--image jpeg-small] [--latency-ms 300] [--replicas 1,2,4,8]
                            [--limits 4,8] [--limit-replicas 4] [--warmup 40]
                                               one catalogue from one slow origin (a fixed latency per image) with 1,
                                               2, 4, 8 workers: time to webhook and speed-up per doubling; then an
                                               origin that takes N at once and answers 429 past them
              system status [--images 300] [--mix jpeg-0.5mp:70,jpeg-3mp:30] [--pollers 50] [--idle-polls 300]
                            [--interval-ms 0] [--replicas 2]
                                               GET /api/requests/{id} latency: pollers during a request vs one idle poller
              system resync [--images 1000] [--urls 3] [--replicas 2] [--parts a,b,c,d] [--changed-percent 10]
                            [--shared-urls 12] [--copies 5] [--warmup 4] [--dir bench/corpus/files]
                                               issue 21: the corpus catalogue sent twice by one client, from an origin
                                               with validators (a) and without (b): worker CPU, bytes and time of the
                                               second run as ratios of the first; (c) 10% changed in place: exactly
                                               those made again; (d) each URL in 5 products against every slot its own
                                               URL: one fifth of the CPU, one origin request per URL
              system pages [--products 10000] [--failed-percent 3] [--image jpeg-small] [--replicas 2] [--limit 50]
                           [--hops 100] [--repeats 9] [--warmup 200] [--browser-repeats 5 (0 without /usr/bin/chromium)]
                                               issue 23: one request of that many products (one image each, that share
                                               answering 404) to its webhook, then the console's calls timed through
                                               the gateway and straight to Ingest: status, first / next / deep / last
                                               page, Failed only, q by name and by number; median and max; then the
                                               console's first load in chromium
            """);
        return 2;
    }
}
