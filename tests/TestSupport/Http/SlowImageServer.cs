using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// Serves JPEGs on loopback slowly (each answer waits a random 300-800 ms) so a request's images are in flight for
/// seconds, and holds back the images whose URL carries <c>?gated=1</c> until the test opens the gate: that is how a
/// test lands a fault at a known point (e.g. "every worker slot is busy", "only the last images are left").
/// </summary>
public sealed class SlowImageServer : IAsyncDisposable
{
    // a safety net: a gate a failed test never opened must not hold a download forever
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(3);

    private readonly IReadOnlyList<byte[]> _images;
    private readonly ConcurrentDictionary<string, int> _downloads = new();
    private TaskCompletionSource _gate = NewGate(open: true);
    private int _held;

    private SlowImageServer(IReadOnlyList<byte[]> images) => _images = images;

    public LoopbackServer Server { get; private set; } = null!;

    public TimeSpan MinDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Gated downloads waiting at the gate right now, i.e. worker slots busy with them.</summary>
    public int Held => Volatile.Read(ref _held);

    public static async Task<SlowImageServer> StartAsync(IReadOnlyList<byte[]> images)
    {
        var server = new SlowImageServer(images);
        server.Server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{run}/{index:int}.jpg", server.ServeAsync));
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
