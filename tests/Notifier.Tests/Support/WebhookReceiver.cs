using System.Collections.Concurrent;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>
/// A client's webhook endpoint on loopback: records every request and answers with the status the test chooses for
/// the n-th call (1-based).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/requests";

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Func<int, int> _statusForCall;
    private LoopbackServer? _server;
    private int _calls;

    private WebhookReceiver(Func<int, int> statusForCall) => _statusForCall = statusForCall;

    public Uri Url => _server!.Url(Path);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(Func<int, int> statusForCall)
    {
        var receiver = new WebhookReceiver(statusForCall);
        receiver._server = await LoopbackServer.StartAsync(app => app.MapPost(Path, receiver.HandleAsync));
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan timeout)
    {
        await Eventually.TrueAsync(() => _received.Count >= count, timeout, $"{count} webhook request(s)");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var call = Interlocked.Increment(ref _calls);
        _received.Enqueue(new ReceivedWebhook(
            request.Headers[WebhookHeaders.Id],
            request.Headers[WebhookHeaders.Timestamp],
            request.Headers[WebhookHeaders.Signature],
            request.Headers["traceparent"],
            request.ContentType,
            body,
            DateTimeOffset.UtcNow));
        return Results.StatusCode(_statusForCall(call));
    }
}
