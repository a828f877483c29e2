using System.Diagnostics;
using System.Runtime.CompilerServices;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// Serves the benchmark images on loopback (<c>/images/{kind}/{variant}?n=…</c>, every URL of a request distinct) and
/// notes when the first one was fetched, which is when the workers started on a request. It can play a slow CDN
/// (<see cref="OriginBehaviour.Latency"/> before each answer) that takes only so many downloads at once and answers
/// <c>429</c> past them (<see cref="OriginBehaviour.ThrottleAbove"/>), and counts what it saw.
/// </summary>
public sealed class BenchImageServer : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly StrongBox<long> _firstRequest;
    private readonly OriginBehaviour _origin;

    private BenchImageServer(LoopbackServer server, StrongBox<long> firstRequest, OriginBehaviour origin)
    {
        _server = server;
        _firstRequest = firstRequest;
        _origin = origin;
    }

    /// <summary>How the server answers, and what it counted since the last <see cref="Reset"/>.</summary>
    public OriginBehaviour Origin => _origin;

    /// <summary>What <c>Fetch:AllowedHosts</c> must hold for the workers to fetch from here.</summary>
    public string AllowedHost => $"127.0.0.1:{_server.BaseUri.Port}";

    /// <summary>Stopwatch timestamp of the first image fetched since the last <see cref="Reset"/>; 0 when none was.</summary>
    public long FirstRequest => Interlocked.Read(ref _firstRequest.Value);

    public static async Task<BenchImageServer> StartAsync(IEnumerable<BenchImage> images)
    {
        var byName = images.DistinctBy(i => i.Name).ToDictionary(i => i.Name);
        var firstRequest = new StrongBox<long>();
        var origin = new OriginBehaviour();
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{kind}/{variant:int}", (string kind, int variant, HttpContext context) =>
            origin.AnswerAsync(context, () =>
            {
                Interlocked.CompareExchange(ref firstRequest.Value, Stopwatch.GetTimestamp(), 0);
                return byName.TryGetValue(kind, out var image)
                    ? Results.Bytes(image.Pick(variant), ContentType(image.Format))
                    : Results.NotFound();
            })));
        return new BenchImageServer(server, firstRequest, origin);
    }

    public string Url(MixedImage image, int n)
    {
        ArgumentNullException.ThrowIfNull(image);
        return _server.Url($"images/{image.Image.Name}/{image.Variant}?n={n}").ToString();
    }

    /// <summary>A distinct URL here that answers <c>404</c> (no benchmark image is called <c>missing</c>): an image that fails for good.</summary>
    public string MissingUrl(int n) => _server.Url($"images/missing/0?n={n}").ToString();

    public void Reset()
    {
        Interlocked.Exchange(ref _firstRequest.Value, 0);
        _origin.ResetCounts();
    }

    private static string ContentType(string format) => format switch
    {
        "png" => "image/png",
        "webp" => "image/webp",
        _ => "image/jpeg",
    };

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
