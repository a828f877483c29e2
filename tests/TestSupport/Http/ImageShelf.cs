using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// The images the tests' CSVs point at, on a loopback server: each name serves its bytes, an unknown name 404s, and a
/// held name answers only once the test releases it, so a request stays running for as long as a test needs.
/// </summary>
public sealed class ImageShelf : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _images = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();

    private ImageShelf(LoopbackServer server) => Server = server;

    public LoopbackServer Server { get; }

    public static async Task<ImageShelf> StartAsync()
    {
        ImageShelf? shelf = null;
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{name}", (string name, HttpContext context) => shelf!.ServeAsync(name, context)));
        shelf = new ImageShelf(server);
        return shelf;
    }

    public string Url(string name) => Server.Url($"images/{name}").ToString();

    public void Put(string name, byte[] bytes, string contentType) => _images[name] = (bytes, contentType);

    /// <summary>Serves what <paramref name="existing"/> serves under <paramref name="name"/> too.</summary>
    public void PutCopy(string name, string existing) => _images[name] = _images[existing];

    /// <summary>Requests for <paramref name="name"/> wait until <see cref="Release"/>.</summary>
    public void Hold(string name) => _holds[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string name)
    {
        if (_holds.TryRemove(name, out var hold))
        {
            hold.TrySetResult();
        }
    }

    private async Task<IResult> ServeAsync(string name, HttpContext context)
    {
        if (_holds.TryGetValue(name, out var hold))
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }
        return _images.TryGetValue(name, out var image) ? Results.Bytes(image.Bytes, image.ContentType) : Results.NotFound();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _holds.Keys)
        {
            Release(name);
        }
        await Server.DisposeAsync();
    }
}
