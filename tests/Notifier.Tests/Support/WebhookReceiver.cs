using System.Collections.Concurrent;
using ImagePipeline.Notifier.Webhooks;
using ImagePipeline.TestSupport.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>
/// A client's webhook endpoint on loopback: records every request and answers as the test chooses for the n-th call
/// (1-based): a status, and optionally a Retry-After header or a delay before answering.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const string Path = "/hooks/requests";

    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Func<int, ReceiverAnswer> _answerForCall;
    private LoopbackServer? _server;
    private int _calls;

    private WebhookReceiver(Func<int, ReceiverAnswer> answerForCall) => _answerForCall = answerForCall;

    public Uri Url => _server!.Url(Path);

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static Task<WebhookReceiver> StartAsync(Func<int, int> statusForCall) =>
        StartAsync(call => new ReceiverAnswer(statusForCall(call)));

    public static async Task<WebhookReceiver> StartAsync(Func<int, ReceiverAnswer> answerForCall)
    {
        var receiver = new WebhookReceiver(answerForCall);
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

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
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

        var answer = _answerForCall(call);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the sender gave up waiting, which is what the test is after
                return;
            }
        }
        context.Response.StatusCode = answer.StatusCode;
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }
    }
}
