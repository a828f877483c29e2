using System.Collections.Concurrent;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>
/// Stands in for Ingest and Export behind the gateway's proxy, on loopback: answers every proxied route with 200 and
/// records what reached it.
/// </summary>
internal sealed class StandInBackend : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? ApiKey)> _received = new();
    private LoopbackServer? _server;

    public Uri BaseUri => _server!.BaseUri;

    /// <summary>Paths that reached the backend, with the X-Api-Key header they carried, if any.</summary>
    public IReadOnlyCollection<(string Path, string? ApiKey)> Received => _received;

    public static async Task<StandInBackend> StartAsync()
    {
        var backend = new StandInBackend();
        backend._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/requests/{id}", (HttpContext http, string id) => backend.Answer(http, Results.Json(new { requestId = id, status = "Processing" })));
            app.MapGet("/api/requests/{id}/products", (HttpContext http) => backend.Answer(http, Results.Json(Array.Empty<object>())));
            app.MapGet("/api/requests/{id}/output.csv", (HttpContext http) => backend.Answer(http, Results.Text("S. No.,Product Name,Input Image Urls,Output Image Urls\n", "text/csv")));
        });
        return backend;
    }

    public void AddTo(Dictionary<string, string?> settings)
    {
        settings["Proxy:IngestUrl"] = BaseUri.ToString();
        settings["Proxy:ExportUrl"] = BaseUri.ToString();
    }

    private IResult Answer(HttpContext http, IResult result)
    {
        _received.Enqueue((http.Request.Path.Value!, http.Request.Headers["X-Api-Key"].FirstOrDefault()));
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
