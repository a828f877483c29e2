using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ImagePipeline.TestSupport.Http;

/// <summary>
/// An image origin on loopback that speaks HTTP's conditional requests, and counts what it answered: each name serves
/// the bytes the test put there under an <c>ETag</c> (strong, or weak when <see cref="WeakETags"/>) and a
/// <c>Last-Modified</c>; a GET whose <c>If-None-Match</c> weakly matches (or, without one, whose
/// <c>If-Modified-Since</c> is no earlier than the last change) is answered <c>304</c> with no body. Putting new bytes
/// under a name is a changed source: a new ETag, a later Last-Modified. <see cref="Mode"/> makes it an origin that
/// ignores conditionals or sends no validators. Counts are per path and in total, safe for concurrent requests, and
/// every request is logged with the validators it carried (<see cref="RequestsOf"/>).
/// </summary>
public sealed class ConditionalOrigin : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, OriginImage> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OriginTally> _byPath = new(StringComparer.Ordinal);
    private readonly OriginTally _total = new();
    private readonly ConcurrentQueue<OriginRequest> _log = new();
    private readonly Lock _putLock = new();

    private ConditionalOrigin() { }

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>What it does with validators; may be changed between requests.</summary>
    public ConditionalOriginMode Mode { get; set; } = ConditionalOriginMode.Honoured;

    /// <summary>Sends its ETags as weak ones (<c>W/"…"</c>); they still match, weakly, their strong spelling.</summary>
    public bool WeakETags { get; set; }

    /// <summary>Whether it sends an <c>ETag</c> (in the modes that send validators); false leaves only <c>Last-Modified</c>.</summary>
    public bool SendETag { get; set; } = true;

    /// <summary>Whether it sends <c>Last-Modified</c> (in the modes that send validators).</summary>
    public bool SendLastModified { get; set; } = true;

    /// <summary>Totals over every path since the start or <see cref="ResetCounts"/>.</summary>
    public OriginCounts Total => _total.Snapshot();

    public static async Task<ConditionalOrigin> StartAsync()
    {
        var origin = new ConditionalOrigin();
        origin.Server = await LoopbackServer.StartAsync(app => app.MapGet("/images/{**name}", (string name, HttpContext context) => origin.ServeAsync(name, context)));
        return origin;
    }

    /// <summary>The URL <paramref name="name"/> is served at; a name may have slashes (<c>run-2/17.jpg</c>).</summary>
    public string Url(string name) => Server.Url($"images/{name}").ToString();

    /// <summary>The path <paramref name="name"/> is counted under (that of its URL).</summary>
    public static string PathOf(string name) => $"/images/{name}";

    /// <summary>
    /// Serves <paramref name="bytes"/> under <paramref name="name"/> from now on, as a new version: its ETag is
    /// <paramref name="etag"/> (the opaque part, without quotes) or else made from the bytes, and its Last-Modified is
    /// now, and always later than that of the version it replaces.
    /// </summary>
    public void Put(string name, byte[] bytes, string contentType = "image/jpeg", string? etag = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        lock (_putLock)
        {
            var now = WholeSeconds(DateTimeOffset.UtcNow);
            var lastModified = _images.TryGetValue(name, out var previous) && previous.LastModified >= now ? previous.LastModified.AddSeconds(1) : now;
            _images[name] = new OriginImage(bytes, contentType, etag ?? Convert.ToHexStringLower(SHA256.HashData(bytes))[..16], lastModified);
        }
    }

    /// <summary>
    /// Keeps <paramref name="name"/>'s bytes but gives it a new ETag and a later Last-Modified, as an origin does that
    /// rewrote a file with the same content: a conditional request for it gets the bytes again.
    /// </summary>
    public void Touch(string name)
    {
        var image = _images[name];
        Put(name, image.Bytes, image.ContentType, Guid.NewGuid().ToString("N")[..16]);
    }

    public void Remove(string name) => _images.TryRemove(name, out _);

    /// <summary>The ETag <paramref name="name"/> is sent with now, as it appears on the wire (weak or strong per <see cref="WeakETags"/>).</summary>
    public string ETagOf(string name) => FormatETag(_images[name].OpaqueTag);

    /// <summary>The Last-Modified <paramref name="name"/> is sent with now, as an HTTP-date.</summary>
    public string LastModifiedOf(string name) => EntityTags.FormatHttpDate(_images[name].LastModified);

    /// <summary>What was answered for <paramref name="name"/> since the start or <see cref="ResetCounts"/>.</summary>
    public OriginCounts CountsOf(string name) => _byPath.TryGetValue(PathOf(name), out var tally) ? tally.Snapshot() : OriginCounts.Zero;

    /// <summary>Counts by request path, e.g. <c>/images/a.jpg</c>.</summary>
    public IReadOnlyDictionary<string, OriginCounts> CountsByPath => _byPath.ToDictionary(pair => pair.Key, pair => pair.Value.Snapshot());

    /// <summary>
    /// The requests for <paramref name="name"/> since the start or <see cref="ResetCounts"/>, in the order they were
    /// answered: which validators each one carried tells whose memory a conditional download came from.
    /// </summary>
    public IReadOnlyList<OriginRequest> RequestsOf(string name)
    {
        var path = PathOf(name);
        return [.. _log.Where(request => request.Path == path)];
    }

    /// <summary>Sets every count to zero and empties the request log.</summary>
    public void ResetCounts()
    {
        _byPath.Clear();
        _total.Reset();
        _log.Clear();
    }

    private async Task ServeAsync(string name, HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        var ifModifiedSince = request.Headers.IfModifiedSince.ToString();
        var path = request.Path.Value ?? PathOf(name);
        var asked = new OriginRequest(path, NullIfEmpty(ifNoneMatch), NullIfEmpty(ifModifiedSince), Status: 0, BodyBytes: 0);
        var tallies = new[] { _total, _byPath.GetOrAdd(path, _ => new OriginTally()) };

        if (!_images.TryGetValue(name, out var image))
        {
            Record(tallies, asked with { Status = StatusCodes.Status404NotFound });
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var mode = Mode;
        var etag = mode != ConditionalOriginMode.NoValidators && SendETag ? FormatETag(image.OpaqueTag) : null;
        DateTimeOffset? lastModified = mode != ConditionalOriginMode.NoValidators && SendLastModified ? image.LastModified : null;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = EntityTags.FormatHttpDate(modified);
        }

        if (mode == ConditionalOriginMode.Honoured
            && EntityTags.IsNotModified(asked.IfNoneMatch, asked.IfModifiedSince, etag, lastModified))
        {
            // §15.4.5: a 304 carries the validators a 200 would have, and no body
            Record(tallies, asked with { Status = StatusCodes.Status304NotModified });
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = image.ContentType;
        response.ContentLength = image.Bytes.Length;
        // counted before the body goes out: a client that has read it must find it counted
        Record(tallies, asked with { Status = StatusCodes.Status200OK, BodyBytes = image.Bytes.Length });
        await response.Body.WriteAsync(image.Bytes, context.RequestAborted);
    }

    private string FormatETag(string opaqueTag) => WeakETags ? $"W/\"{opaqueTag}\"" : $"\"{opaqueTag}\"";

    private void Record(OriginTally[] tallies, OriginRequest answered)
    {
        foreach (var tally in tallies)
        {
            tally.Add(answered.IsConditional, answered.Status, answered.BodyBytes);
        }
        _log.Enqueue(answered);
    }

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public ValueTask DisposeAsync() => Server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
