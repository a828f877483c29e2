using System.Globalization;
using System.IO.Compression;
using System.Net;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.TestSupport.Hostile;

/// <summary>
/// The hostile-input corpus for image URLs: a <see cref="RawHttpServer"/> on 127.0.0.1 serving every case, and
/// connection traps on the loopback destinations the destination guard must refuse (127.0.0.2 and [::1] on the
/// server's own port where possible, another port on 127.0.0.1). Allow exactly <see cref="AllowedHost"/>
/// (<c>Fetch:AllowedHosts</c>) with <c>Fetch:AllowPrivateNetworks=false</c>. The only non-loopback address named is
/// 169.254.169.254, as a redirect target that the guard refuses before any connect.
/// </summary>
public sealed class HostileCorpus : IAsyncDisposable
{
    public const string NeverRoute = "/never";

    private static readonly byte[] Photo = TestImages.Jpeg(320, 240, quality: 85);
    private static readonly Lazy<byte[]> GzipBomb = new(() => Gzip(new byte[64 * 1024 * 1024]));

    private readonly List<HostileCase> _cases = [];
    private readonly ConnectionTrap[] _traps;

    private HostileCorpus(RawHttpServer server, int downloadRetries, int maxRedirects)
    {
        Server = server;
        var port = server.Port;
        var secondLoopback = ConnectionTrap.TryStart(IPAddress.Parse("127.0.0.2"), port)!;
        var otherPort = ConnectionTrap.TryStart(IPAddress.Loopback)!;
        var ipv6Loopback = ConnectionTrap.TryStart(IPAddress.IPv6Loopback, port);
        _traps = ipv6Loopback is null ? [secondLoopback, otherPort] : [secondLoopback, otherPort, ipv6Loopback];
        server.Map(NeverRoute, exchange => exchange.RespondAsync(200, Photo, "image/jpeg"));
        var retried = 1 + downloadRetries;
        var never = NeverRoute + "/photo.jpg";

        // Downloads: time
        Add("slow-body", "timeout", 1, "sends 100 bytes of a declared image, then nothing", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Length", Invariant(Photo.Length)));
            await x.WriteAsync(Photo.AsMemory(0, 100));
            await x.StallAsync(TimeSpan.FromMinutes(2));
        });
        Add("drip-body", "timeout", 1, "sends one byte every 250 ms, without end", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"));
            for (var i = 0; i < 480 && !x.Aborted.IsCancellationRequested; i++)
            {
                await x.WriteAsync(Photo.AsMemory(i % Photo.Length, 1));
                await x.StallAsync(TimeSpan.FromMilliseconds(250));
            }
        });
        Add("silent-server", "timeout", 1, "accepts the request and never answers", x => x.StallAsync(TimeSpan.FromMinutes(2)));

        // Downloads: size and framing
        Add("endless-body", "too_large", 1, "a body without Content-Length that never ends", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"));
            var chunk = new byte[64 * 1024];
            Photo.AsSpan(0, 4).CopyTo(chunk);
            for (long sent = 0; sent < 1L << 30 && !x.Aborted.IsCancellationRequested; sent += chunk.Length)
            {
                await x.WriteAsync(chunk);
            }
        });
        Add("length-over-cap", "too_large", 1, "declares 10 GB and sends nothing: refused from the header", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Length", Invariant(10L * 1024 * 1024 * 1024)));
            await x.StallAsync(TimeSpan.FromMinutes(2));
        });
        Add("gzip-bomb", "too_large", 1, "64 MB of zeros gzipped to 64 KB: the cap counts decoded bytes", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Encoding", "gzip"), ("Content-Length", Invariant(GzipBomb.Value.Length)));
            await x.WriteAsync(GzipBomb.Value);
        });
        Add("length-shorter-than-body", "corrupt_image", 1, "declares 60% of the JPEG it sends: only the declared bytes count", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Length", Invariant(Photo.Length * 6 / 10)));
            await x.WriteAsync(Photo);
        });
        Add("length-longer-than-body", "connection_failed", retried, "declares twice the bytes it sends, then closes", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Length", Invariant(Photo.Length * 2)));
            await x.WriteAsync(Photo);
        });
        Add("reset-mid-body", "connection_failed", retried, "resets the connection after 1,000 bytes", async x =>
        {
            await x.WriteHeadAsync(200, ("Content-Type", "image/jpeg"), ("Content-Length", Invariant(Photo.Length)));
            await x.WriteAsync(Photo.AsMemory(0, 1000));
            x.Reset();
        });

        // Downloads: answers
        Add("http-404", "http_404", 1, "404 Not Found", x => x.RespondAsync(404, "not here"u8.ToArray(), "text/plain"));
        Add("http-410", "http_410", 1, "410 Gone", x => x.RespondAsync(410, "gone"u8.ToArray(), "text/plain"));
        Add("http-500-always", "http_500", retried, "500 on every attempt", x => x.RespondAsync(500, "boom"u8.ToArray(), "text/plain"));
        Add("http-429-then-200", null, 2, "429 with Retry-After: 1, then the image", x => x.Hit % 2 == 1
            ? x.RespondAsync(429, "slow down"u8.ToArray(), "text/plain", ("Retry-After", "1"))
            : x.RespondAsync(200, Photo, "image/jpeg"));

        // Redirects
        Add("redirect-chain-at-limit", null, maxRedirects + 1, $"{maxRedirects} redirects, then the image", x => Chain(x, maxRedirects));
        Add("redirect-chain-over-limit", "too_many_redirects", maxRedirects + 1, $"{maxRedirects + 1} redirects", x => Chain(x, maxRedirects + 1));
        Add("redirect-to-127.0.0.2", "blocked_destination", 1, $"redirects to http://{secondLoopback.Authority}{never}",
            x => x.RedirectAsync($"http://{secondLoopback.Authority}{never}"));
        Add("redirect-to-localhost", "blocked_destination", 1, $"redirects to http://localhost:{port}{never} (the allowed server, by name)",
            x => x.RedirectAsync($"http://localhost:{port}{never}"));
        Add("redirect-to-other-port", "blocked_destination", 1, $"redirects to http://{otherPort.Authority}{never}",
            x => x.RedirectAsync($"http://{otherPort.Authority}{never}"));
        if (ipv6Loopback is not null)
        {
            Add("redirect-to-ipv6-loopback", "blocked_destination", 1, $"redirects to http://{ipv6Loopback.Authority}{never}",
                x => x.RedirectAsync($"http://{ipv6Loopback.Authority}{never}"));
        }
        Add("redirect-to-metadata", "blocked_destination", 1, "redirects to http://169.254.169.254/latest/meta-data/ (cloud metadata)",
            x => x.RedirectAsync("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        Add("redirect-to-file", "invalid_url", 1, "redirects to file:///etc/passwd",
            x => x.RedirectAsync("file:///etc/passwd"));

        // Blocked destinations named directly by the URL: nothing listening there may see a connection
        AddUrl("url-127.0.0.2", $"http://{secondLoopback.Authority}{never}", "blocked_destination", "another loopback address");
        AddUrl("url-localhost", $"http://localhost:{port}{never}", "blocked_destination", "the allowed server by the name localhost");
        AddUrl("url-other-port", $"http://{otherPort.Authority}{never}", "blocked_destination", "the allowed address on another port");
        AddUrl("url-ipv4-mapped", $"http://[::ffff:127.0.0.1]:{port}{never}", "blocked_destination", "the allowed address as IPv4-mapped IPv6");
        AddUrl("url-unspecified", $"http://0.0.0.0:{port}{never}", "blocked_destination", "0.0.0.0, which Linux connects to loopback");
        if (ipv6Loopback is not null)
        {
            AddUrl("url-ipv6-loopback", $"http://{ipv6Loopback.Authority}{never}", "blocked_destination", "IPv6 loopback");
        }

        // Images: not what they say
        Add("html-as-jpeg", "not_an_image", 1, "an HTML page served as image/jpeg", x => x.RespondAsync(200, HostileImages.Html, "image/jpeg"));
        Add("svg-as-png", "not_an_image", 1, "an SVG that reads /etc/passwd, served as image/png", x => x.RespondAsync(200, HostileImages.Svg, "image/png"));
        Add("empty-200", "not_an_image", 1, "200 with an empty body", x => x.RespondAsync(200, [], "image/jpeg"));
        Add("truncated-jpeg", "corrupt_image", 1, "the first 60% of a JPEG", x => x.RespondAsync(200, TestImages.TruncatedJpeg(640, 480), "image/jpeg"));
        Add("random-with-jpeg-magic", "corrupt_image", 1, "64 KB of random bytes behind FF D8 FF E0",
            x => x.RespondAsync(200, HostileImages.RandomBytesWithJpegMagic(), "image/jpeg"));

        // Images: dimensions
        Add("jpeg-bomb-50k", "too_large", 1, "a 64 × 64 JPEG whose header declares 50,000 × 50,000",
            x => x.RespondAsync(200, TestImages.JpegDeclaringSize(50_000, 50_000), "image/jpeg"));
        Add("png-bomb-50k", "too_large", 1, "a genuine 50,000 × 50,000 1-bit PNG (~300 KB, 2.5 gigapixels)",
            x => x.RespondAsync(200, HostileImages.PngBomb50k, "image/png"));
        Add("png-declaring-50k", "too_large", 1, "a 64 × 64 PNG whose header (valid CRC) declares 50,000 × 50,000",
            x => x.RespondAsync(200, HostileImages.PngDeclaringSize(50_000, 50_000), "image/png"));
        Add("gif-declaring-65535", "too_large", 1, "a one-pixel GIF declaring 65,535 × 65,535",
            x => x.RespondAsync(200, HostileImages.GifDeclaringSize(ushort.MaxValue, ushort.MaxValue), "image/gif"));
        Add("over-pixel-budget", "too_large", 1, "a JPEG declaring 7,072 × 7,072 (50.01 MP, each side allowed)",
            x => x.RespondAsync(200, TestImages.JpegDeclaringSize(7_072, 7_072), "image/jpeg"));
        // declared, not real: the worker's width limit is process-wide, so a test process holding a compressor could not make one
        Add("too-wide-20000x100", "too_large", 1, "a JPEG declaring 20,000 × 100: 2 MP, within the budget, but wider than 16,384",
            x => x.RespondAsync(200, TestImages.JpegDeclaringSize(20_000, 100), "image/jpeg"));
        Add("widest-allowed-16384x64", null, 1, "a real 16,384 × 64 JPEG: exactly the widest allowed",
            x => x.RespondAsync(200, TestImages.Jpeg(16_384, 64, quality: 80), "image/jpeg"));
        Add("most-frames-allowed", null, 1, "a 1 × 1 GIF of 200 frames (200 allowed)",
            x => x.RespondAsync(200, HostileImages.GifWithFrames(200), "image/gif"));
        Add("too-many-frames", "too_large", 1, "a 1 × 1 GIF of 201 frames (200 allowed)",
            x => x.RespondAsync(200, HostileImages.GifWithFrames(201), "image/gif"));

        // Control
        Add("plain-jpeg", null, 1, "an ordinary 320 × 240 JPEG", x => x.RespondAsync(200, Photo, "image/jpeg"));
    }

    public RawHttpServer Server { get; }

    public IReadOnlyList<HostileCase> Cases => _cases;

    public HostileCase this[string name] => _cases.Single(c => c.Name == name);

    /// <summary>The one <c>Fetch:AllowedHosts</c> entry the corpus needs: <c>127.0.0.1:port</c>.</summary>
    public string AllowedHost => $"127.0.0.1:{Server.Port}";

    /// <summary>Whether [::1] could be bound here, so the IPv6 loopback cases are in the corpus.</summary>
    public bool HasIpv6Loopback => _traps.Length == 3;

    /// <summary>Requests and connections that reached a destination the guard must refuse. It must stay 0.</summary>
    public int BlockedDestinationContacts => Server.RequestsTo(NeverRoute).Count + _traps.Sum(t => t.Connections);

    /// <summary>
    /// The corpus on a new loopback server. <paramref name="downloadRetries"/> and <paramref name="maxRedirects"/> are
    /// the worker's <c>ImageWorker:DownloadRetries</c> and <c>ImageWorker:MaxRedirects</c>: they set how many requests a case expects.
    /// </summary>
    public static HostileCorpus Start(int downloadRetries = 2, int maxRedirects = 5) =>
        new(RawHttpServer.Start(), downloadRetries, maxRedirects);

    public int RequestsFor(HostileCase hostileCase)
    {
        ArgumentNullException.ThrowIfNull(hostileCase);
        return hostileCase.Route is null ? 0 : Server.RequestsTo(hostileCase.Route).Count;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var trap in _traps)
        {
            trap.Dispose();
        }
        await Server.DisposeAsync();
    }

    private void Add(string name, string? expectedReason, int? expectedRequests, string what, Func<RawExchange, Task> respond)
    {
        var route = $"/c/{name}";
        Server.Map(route, respond);
        _cases.Add(new HostileCase(name, Server.Url(route), expectedReason, expectedRequests, route, what));
    }

    private void AddUrl(string name, string url, string expectedReason, string what) =>
        _cases.Add(new HostileCase(name, url, expectedReason, null, null, $"{what}: {url}"));

    // hop n of a chain of `length` redirects: /c/name → /c/name/1 → … → /c/name/length, which serves the image
    private static Task Chain(RawExchange exchange, int length)
    {
        var hop = exchange.Rest.Length == 0 ? 0 : int.Parse(exchange.Rest.TrimStart('/'), CultureInfo.InvariantCulture);
        return hop < length
            ? exchange.RedirectAsync($"{exchange.Route}/{hop + 1}")
            : exchange.RespondAsync(200, Photo, "image/jpeg");
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Gzip(byte[] content)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return compressed.ToArray();
    }
}
