using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// Serves JPEGs on loopback slowly (each answer waits a random 300-800 ms) so a request's images are in flight for
/// seconds, and holds back the images whose URL carries <c>?gated=1</c> until the test opens the gate: that is how a
/// test lands a fault at a known point (e.g. "every worker slot is busy", "only the last images are left"). It counts
/// the downloads open at once, and can play a CDN that takes only so many at once and answers <c>429</c> past them.
/// </summary>
public sealed class SlowImageServer : IAsyncDisposable
{
    // a safety net: a gate a failed test never opened must not hold a download forever
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(3);

    private readonly IReadOnlyList<byte[]> _images;
    private readonly ConcurrentDictionary<string, int> _downloads = new();
    private readonly ConcurrentQueue<ImageDownload> _log = new();
    private TaskCompletionSource _gate = NewGate(open: true);
    private int _held;
    private int _open;
    private int _mostOpen;
    private int _throttled;

    private SlowImageServer(IReadOnlyList<byte[]> images) => _images = images;

    public LoopbackServer Server { get; private set; } = null!;

    public TimeSpan MinDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Gated downloads waiting at the gate right now, i.e. worker slots busy with them.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>The most downloads that were open at once since <see cref="ResetCounts"/>.</summary>
    public int MostOpen => Volatile.Read(ref _mostOpen);

    /// <summary><c>429</c> answers given since <see cref="ResetCounts"/>.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Past this many downloads open at once, the next is answered <c>429</c> with <c>Retry-After: 1</c>; null: never.</summary>
    public int? ThrottleAbove { get; set; }

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _mostOpen, 0);
        Interlocked.Exchange(ref _throttled, 0);
    }

    /// <summary>Every download asked for so far, in order: which image, from which address, when.</summary>
    public IReadOnlyList<ImageDownload> Downloads => [.. _log];

    /// <summary>Serves on loopback, or on <paramref name="address"/> (see <see cref="LoopbackServer.StartAsync"/>).</summary>
    public static async Task<SlowImageServer> StartAsync(IReadOnlyList<byte[]> images, System.Net.IPAddress? address = null)
    {
        var server = new SlowImageServer(images);
        server.Server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{run}/{index:int}.jpg", server.ServeAsync), address);
        return server;
    }

    /// <summary>The URL of image <paramref name="index"/> of a run; a gated one waits for <see cref="OpenGate"/>.</summary>
    public string Url(string run, int index, bool gated) =>
        Server.Url($"/images/{run}/{index}.jpg" + (gated ? "?gated=1" : "")).ToString();

    /// <summary>The bytes served for image <paramref name="index"/>.</summary>
    public byte[] ImageFor(int index) => _images[index % _images.Count];

    /// <summary>How many times image <paramref name="index"/> of <paramref name="run"/> was asked for (more than once: it was processed again).</summary>
    public int DownloadsOf(string run, int index) => _downloads.GetValueOrDefault($"{run}/{index}");

    // the gate it replaces opens, so nothing a previous test held stays held
    public void CloseGate() => Interlocked.Exchange(ref _gate, NewGate(open: false)).TrySetResult();

    public void OpenGate() => Volatile.Read(ref _gate).TrySetResult();

    private async Task<IResult> ServeAsync(string run, int index, HttpContext context)
    {
        _downloads.AddOrUpdate($"{run}/{index}", 1, (_, count) => count + 1);
        _log.Enqueue(new ImageDownload(run, index, context.Connection.RemoteIpAddress, DateTimeOffset.UtcNow));
        var open = Interlocked.Increment(ref _open);
        try
        {
            if (open > ThrottleAbove)
            {
                Interlocked.Increment(ref _throttled);
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            }
            RecordOpen(open);
            return await AnswerAsync(index, context);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private void RecordOpen(int open)
    {
        var most = Volatile.Read(ref _mostOpen);
        while (open > most && Interlocked.CompareExchange(ref _mostOpen, open, most) is var seen && seen != most)
        {
            most = seen;
        }
    }

    private async Task<IResult> AnswerAsync(int index, HttpContext context)
    {
        var aborted = context.RequestAborted;
        try
        {
            var delay = MinDelay + ((MaxDelay - MinDelay) * Random.Shared.NextDouble());
            await Task.Delay(delay, aborted);
            if (context.Request.Query.ContainsKey("gated"))
            {
                Interlocked.Increment(ref _held);
                try
                {
                    await Volatile.Read(ref _gate).Task.WaitAsync(LongestHold, aborted);
                }
                catch (TimeoutException)
                {
                    // serve it anyway: the test that forgot the gate fails on its own assertions
                }
                finally
                {
                    Interlocked.Decrement(ref _held);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the worker went away mid-download (killed or stopped): nobody reads this answer
            return Results.Empty;
        }
        return Results.Bytes(ImageFor(index), "image/jpeg");
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.TrySetResult();
        }
        return gate;
    }

    public ValueTask DisposeAsync()
    {
        OpenGate();
        return Server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
