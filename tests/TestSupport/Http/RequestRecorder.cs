using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>Collects what a loopback endpoint received, safe for concurrent requests.</summary>
public sealed class RequestRecorder
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var recorded = new RecordedRequest(context.Request.Path + context.Request.QueryString, headers, body.ToArray(), DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);
        return recorded;
    }
}
