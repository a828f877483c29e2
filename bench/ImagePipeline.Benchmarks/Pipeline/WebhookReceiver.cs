using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>The client's webhook endpoint on loopback: the moment a request's webhook arrives is the end of that request.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<WebhookArrival>> _arrivals;

    private WebhookReceiver(LoopbackServer server, ConcurrentDictionary<Guid, TaskCompletionSource<WebhookArrival>> arrivals)
    {
        _server = server;
        _arrivals = arrivals;
    }

    public string Url => _server.Url("webhook").ToString();

    /// <summary>What <c>Fetch:AllowedHosts</c> must hold for the notifier to call here.</summary>
    public string AllowedHost => $"127.0.0.1:{_server.BaseUri.Port}";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var arrivals = new ConcurrentDictionary<Guid, TaskCompletionSource<WebhookArrival>>();
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/webhook", async (HttpContext context) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var data = body.RootElement.TryGetProperty("data", out var inner) ? inner : body.RootElement;
            if (Property(data, "requestId") is { ValueKind: JsonValueKind.String } id && Guid.TryParse(id.GetString(), out var requestId))
            {
                // a redelivered webhook keeps the first arrival
                Slot(arrivals, requestId).TrySetResult(new WebhookArrival(
                    at, Property(data, "status")?.GetString() ?? "?", Number(data, "imagesSucceeded"), Number(data, "imagesFailed")));
            }
            return Results.Ok();
        }));
        return new WebhookReceiver(server, arrivals);
    }

    public async Task<WebhookArrival> WaitAsync(Guid requestId, TimeSpan timeout)
    {
        try
        {
            return await Slot(_arrivals, requestId).Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No webhook for request {requestId} within {timeout.TotalMinutes:0.#} min.");
        }
    }

    private static TaskCompletionSource<WebhookArrival> Slot(ConcurrentDictionary<Guid, TaskCompletionSource<WebhookArrival>> arrivals, Guid requestId) =>
        arrivals.GetOrAdd(requestId, _ => new TaskCompletionSource<WebhookArrival>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.NameEquals(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static int Number(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : -1;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
