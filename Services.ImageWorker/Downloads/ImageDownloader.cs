using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ImagePipeline.Contracts;
using ImagePipeline.Csv;
using ImagePipeline.Outbound;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// Fetches a source image within the size and time limits, retrying transient failures (timeouts, 408, 5xx, refused or
/// dropped connections; a 503's Retry-After honoured up to the retry delay) with backoff, and waiting out an origin that
/// asks to slow down (429) for up to
/// <c>ImageWorker:ThrottlePatience</c>. Every failure ends as an <see cref="ImageFailureException"/> with its
/// reason code; only the caller's own cancellation escapes as <see cref="OperationCanceledException"/>. Given the
/// validators of a version it has seen, it asks conditionally (RFC 9110 §13.1) and an unchanged source comes back as
/// <see cref="DownloadedImage.NotModified"/>, without a body.
/// </summary>
public sealed class ImageDownloader(HttpClient http, IOptions<ImageWorkerOptions> options, OriginPauses pauses, ILogger<ImageDownloader> logger)
{
    public const string HttpClientName = "image-downloader";

    private const int ChunkSize = 81920;
    private const int InitialBufferSize = 256 * 1024;

    private readonly ImageWorkerOptions _options = options.Value;

    public Task<DownloadedImage> DownloadAsync(string url, CancellationToken cancellationToken) =>
        DownloadAsync(url, new DownloadTally(url), cancellationToken);

    /// <summary>Downloads <paramref name="url"/>, counting in <paramref name="tally"/> what its origin answered.</summary>
    public Task<DownloadedImage> DownloadAsync(string url, DownloadTally tally, CancellationToken cancellationToken) =>
        DownloadAsync(url, tally, SourceValidators.None, cancellationToken);

    /// <summary>
    /// Downloads <paramref name="url"/> unless the origin says the version of <paramref name="validators"/> is still
    /// current (<c>If-None-Match</c>, <c>If-Modified-Since</c>); with none, an ordinary download.
    /// </summary>
    public async Task<DownloadedImage> DownloadAsync(string url, DownloadTally tally, SourceValidators validators, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(validators);
        // the length was checked at upload; the rest is checked again because a message is only as good as its sender
        if (ImageUrlRule.Check(url, int.MaxValue) is { } problem)
        {
            throw new ImageFailureException(ImageFailureReasons.InvalidUrl, problem);
        }
        var source = new Uri(url, UriKind.Absolute);

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.DownloadTimeout);
        var started = Stopwatch.GetTimestamp();
        var retries = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await WaitOutPauseAsync(tally.Origin, cancellationToken))
                {
                    budget.CancelAfter(_options.DownloadTimeout);
                }
                var image = await tally.AttemptAsync(() => AttemptAsync(source, validators, budget.Token), budget.Token);
                return image with { Attempts = attempt };
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ImageFailureException(ImageFailureReasons.Timeout,
                    $"the download did not complete within {_options.DownloadTimeout.TotalSeconds:0.#} s (setting ImageWorker:DownloadTimeout).");
            }
            catch (ImageFailureException failure) when (failure.IsThrottle && ThrottleWait(started, attempt, failure.RetryAfter) is { } wait)
            {
                // slowing down is what the origin asked for: not a failed attempt, and the wait is not the download's time
                if (failure.RetryAfter is not null)
                {
                    pauses.Pause(tally.Origin, wait);
                }
                logger.LogInformation("{Origin} throttled the download of {Url} ({ReasonCode}); trying again in {Delay} ms",
                    tally.Origin, LoggedUrl.Of(source), failure.ReasonCode, (int)wait.TotalMilliseconds);
                await Task.Delay(wait, cancellationToken);
                budget.CancelAfter(_options.DownloadTimeout);
            }
            catch (ImageFailureException failure) when (failure.IsTransient && !failure.IsThrottle && retries < _options.DownloadRetries)
            {
                retries++;
                var delay = RetryDelay(retries, failure.RetryAfter);
                if (Stopwatch.GetElapsedTime(started) + delay >= _options.DownloadTimeout)
                {
                    // another attempt could not finish within the budget anyway
                    throw;
                }
                if (failure.RetryAfter is not null)
                {
                    pauses.Pause(tally.Origin, delay);
                }
                logger.LogInformation("Download of {Url} failed on attempt {Attempt} ({ReasonCode}: {Reason}); retrying in {Delay} ms",
                    LoggedUrl.Of(source), attempt, failure.ReasonCode, failure.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>Waits while another slot of this worker was told to leave the origin alone; true when it waited.</summary>
    private async Task<bool> WaitOutPauseAsync(string origin, CancellationToken cancellationToken)
    {
        var remaining = pauses.RemainingFor(origin);
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }
        // spread the slots that waited out one pause, or they all ask again in the same instant
        await Task.Delay(remaining * (1 + (Random.Shared.NextDouble() * 0.5)), cancellationToken);
        return true;
    }

    /// <summary>
    /// How long to wait before asking a throttling origin again: its <c>Retry-After</c>, else a doubling backoff, never
    /// past <c>ImageWorker:ThrottlePatience</c> from the first attempt; null once the patience is spent.
    /// </summary>
    private TimeSpan? ThrottleWait(long started, int attempt, TimeSpan? retryAfter)
    {
        var backoff = _options.DownloadRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 10)) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var wait = retryAfter * (1 + (Random.Shared.NextDouble() * 0.5)) ?? (backoff < _options.DownloadRetryMaxDelay ? backoff : _options.DownloadRetryMaxDelay);
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }
        return Stopwatch.GetElapsedTime(started) + wait < _options.ThrottlePatience ? wait : null;
    }

    private async Task<DownloadedImage> AttemptAsync(Uri source, SourceValidators validators, CancellationToken token)
    {
        var current = source;
        try
        {
            // redirects are followed here, not by the handler: every hop must be http(s), and the handler would follow
            // one to any scheme it speaks (ftp:// gets plain HTTP); each hop's address is checked by the connect guard
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                AddConditions(request, validators);
                // headers first: the size check must come before the body is read
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                if (NextHop(current, response, hop) is { } next)
                {
                    current = next;
                    continue;
                }
                // a 304 is an answer only to a question we asked; unasked, it stays the error it always was
                if (response.StatusCode == HttpStatusCode.NotModified && !validators.IsEmpty)
                {
                    return new DownloadedImage(ReadOnlyMemory<byte>.Empty, null, 0) { Validators = ValidatorsOf(response), NotModified = true };
                }
                EnsureSuccess(response);
                var content = await ReadBodyAsync(response.Content, token);
                return new DownloadedImage(content, response.Content.Headers.ContentType?.MediaType, 0) { Validators = ValidatorsOf(response) };
            }
        }
        catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
        {
            // not our budget and not the caller: SocketsHttpHandler gives up on a slow connect this way
            throw new ImageFailureException(ImageFailureReasons.Timeout,
                $"could not connect to {current.Host} within {_options.ConnectTimeout.TotalSeconds:0.#} s (setting ImageWorker:ConnectTimeout).",
                isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw ConnectionFailure(current, ex);
        }
        catch (UriFormatException ex)
        {
            // a Location header that is not even a URL
            throw new ImageFailureException(ImageFailureReasons.InvalidUrl, $"{current.Host} redirected to a URL that cannot be fetched.", isTransient: false, ex);
        }
        catch (IOException ex)
        {
            throw new ImageFailureException(ImageFailureReasons.ConnectionFailed,
                $"the connection to {current.Host} broke while the image was being read ({ex.Message}).", isTransient: true, ex);
        }
    }

    /// <summary>
    /// Asks for the body only if the source changed since the version these validators came with. Every hop gets them:
    /// the server that holds the image is the one that answers, whether or not a redirect led there.
    /// </summary>
    private static void AddConditions(HttpRequestMessage request, SourceValidators validators)
    {
        // as received, character for character: a tag that was re-formatted might no longer match
        if (validators.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }
        if (validators.LastModified is { } lastModified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }
    }

    /// <summary>The answer's validators as it sent them, not as .NET would re-format them.</summary>
    private static SourceValidators ValidatorsOf(HttpResponseMessage response) => SourceValidators.From(
        response.Headers.NonValidated.TryGetValues("ETag", out var etag) && etag.Count == 1 ? etag.ToString() : null,
        response.Content.Headers.NonValidated.TryGetValues("Last-Modified", out var lastModified) && lastModified.Count == 1 ? lastModified.ToString() : null);

    /// <summary>The URL a redirect points to, or null when the response is not a redirect to follow.</summary>
    private Uri? NextHop(Uri current, HttpResponseMessage response, int hop)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            || response.Headers.Location is not { } location)
        {
            return null;
        }
        if (hop >= _options.MaxRedirects)
        {
            throw new ImageFailureException(ImageFailureReasons.TooManyRedirects,
                $"the source redirected more than {_options.MaxRedirects} times (setting ImageWorker:MaxRedirects).");
        }
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (ImageUrlRule.Check(next.OriginalString, int.MaxValue) is { } problem)
        {
            throw new ImageFailureException(ImageFailureReasons.InvalidUrl, $"{current.Host} redirected to a URL that is not fetched: {problem}");
        }
        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
        {
            throw new ImageFailureException(ImageFailureReasons.InvalidUrl, $"{current.Host} redirected from https to http, which is not followed.");
        }
        return next;
    }

    private void EnsureSuccess(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }
        if (status is >= 300 and < 400)
        {
            // SocketsHttpHandler hands back the redirect it would not follow: one too many, or https to http
            throw new ImageFailureException(ImageFailureReasons.TooManyRedirects,
                $"the source answered {status} and the redirect was not followed: more than {_options.MaxRedirects} redirects " +
                "(setting ImageWorker:MaxRedirects), a redirect from https to http, or no Location.");
        }
        var transient = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500;
        var phrase = string.IsNullOrEmpty(response.ReasonPhrase) ? "" : $" {response.ReasonPhrase}";
        throw new ImageFailureException(ImageFailureReasons.Http(status), $"the source answered {status}{phrase}.", transient)
        {
            RetryAfter = RetryAfterOf(response.Headers.RetryAfter),
            IsThrottle = response.StatusCode is HttpStatusCode.TooManyRequests,
        };
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContent content, CancellationToken token)
    {
        var limit = _options.MaxDownloadBytes;
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw TooLarge($"the source declares {declared:N0} bytes");
        }

        // the buffer grows with what arrives, never beyond the limit, whatever Content-Length claimed
        var buffer = new MemoryStream((int)Math.Min(declared ?? InitialBufferSize, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using var body = await content.ReadAsStreamAsync(token);
            int read;
            while ((read = await body.ReadAsync(chunk, token)) > 0)
            {
                var needed = buffer.Length + read;
                if (needed > limit)
                {
                    throw TooLarge($"more than {limit:N0} bytes arrived");
                }
                if (needed > buffer.Capacity)
                {
                    buffer.Capacity = (int)Math.Min(limit, Math.Max(needed, buffer.Capacity * 2L));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private ImageFailureException TooLarge(string what) =>
        new(ImageFailureReasons.TooLarge,
            $"{what}; at most {_options.MaxDownloadBytes:N0} bytes are accepted (setting ImageWorker:MaxDownloadBytes).");

    private static ImageFailureException ConnectionFailure(Uri source, HttpRequestException ex) => ex.HttpRequestError switch
    {
        // the destination guard refused the address at connect time (this hop or a redirect's): permanent
        _ when ex.InnerException is DestinationBlockedException blocked => new(ImageFailureReasons.BlockedDestination,
            blocked.Message, isTransient: false, ex),
        HttpRequestError.NameResolutionError => new(ImageFailureReasons.ConnectionFailed,
            $"the host name {source.Host} could not be resolved.", isTransient: false, ex),
        HttpRequestError.SecureConnectionError => new(ImageFailureReasons.ConnectionFailed,
            $"the TLS handshake with {source.Host} failed ({ex.Message}).", isTransient: false, ex),
        HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.VersionNegotiationError
            or HttpRequestError.ProxyTunnelError or HttpRequestError.UserAuthenticationError => new(ImageFailureReasons.ConnectionFailed,
            $"the request to {source.Host} failed ({ex.Message}).", isTransient: false, ex),
        // refused, reset, ended early, garbled: often a restart or an overloaded server, worth another attempt
        _ => new(ImageFailureReasons.ConnectionFailed, $"the connection to {source.Host} failed ({ex.Message}).", isTransient: true, ex),
    };

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        // jitter, so that workers retrying one busy host do not come back in step
        var backoff = _options.DownloadRetryDelay * Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var delay = retryAfter > backoff ? retryAfter.Value : backoff;
        return delay < _options.DownloadRetryMaxDelay ? delay : _options.DownloadRetryMaxDelay;
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
