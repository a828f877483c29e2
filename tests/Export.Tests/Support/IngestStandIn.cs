using System.Collections.Concurrent;
using System.Text.Json;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Export.Tests.Support;

/// <summary>
/// Ingest's two endpoints that Export calls, on a loopback server: the rows of known requests (a JSON array streamed row
/// by row, camelCase, as Ingest sends it) and the existence check. Counts the row requests so tests can see a redelivery skip Ingest.
/// </summary>
public sealed class IngestStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<OutputRow>> _requests = new();
    private LoopbackServer? _server;
    private int _rowRequests;

    public Uri BaseUri => _server?.BaseUri ?? throw new InvalidOperationException("Not started.");

    /// <summary>Status the rows endpoint answers with instead of the rows, e.g. 500 to make an export fail.</summary>
    public int? RowsFailureStatus { get; set; }

    public int RowRequests => Volatile.Read(ref _rowRequests);

    /// <summary>Pause before each row, to stand in for a slow Ingest.</summary>
    public TimeSpan RowDelay { get; set; }

    public static async Task<IngestStandIn> StartAsync()
    {
        var ingest = new IngestStandIn();
        ingest._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/internal/requests/{id:guid}/rows", (Guid id, HttpResponse response) => ingest.Rows(id, response));
            app.MapGet("/api/requests/{id:guid}", (Guid id) =>
                ingest._requests.ContainsKey(id) ? Results.Ok(new { requestId = id, status = "Processing" }) : Results.NotFound());
        });
        return ingest;
    }

    /// <summary>Makes a request known with these rows; no rows means a request that exists but is still running.</summary>
    public Guid AddRequest(params OutputRow[] rows)
    {
        var id = Guid.NewGuid();
        _requests[id] = rows;
        return id;
    }

    private async Task Rows(Guid id, HttpResponse response)
    {
        Interlocked.Increment(ref _rowRequests);
        if (RowsFailureStatus is { } status)
        {
            response.StatusCode = status;
            return;
        }
        if (!_requests.TryGetValue(id, out var rows))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // headers at once and one flush per row: a stream that really trickles, as a long export from Ingest does
        response.ContentType = "application/json; charset=utf-8";
        await response.StartAsync();
        await response.WriteAsync("[");
        for (var i = 0; i < rows.Count; i++)
        {
            if (RowDelay > TimeSpan.Zero)
            {
                await Task.Delay(RowDelay);
            }
            await response.WriteAsync((i == 0 ? "" : ",") + JsonSerializer.Serialize(rows[i], JsonSerializerOptions.Web));
            await response.Body.FlushAsync();
        }
        await response.WriteAsync("]");
    }

    /// <summary>Stops the server (tests stop it early to play an unreachable Ingest); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
