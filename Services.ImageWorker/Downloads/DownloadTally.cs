using System.Diagnostics;
using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// What one image's download met at its origin, counted while it runs and reported with the result
/// (<see cref="DownloadReport"/>), so Ingest can pace the origin. A throttled answer is handed to
/// <paramref name="throttled"/> at once (Ingest must slow down now, not after the wait) and so is not repeated in the
/// result's report. Used by one download at a time.
/// </summary>
public sealed class DownloadTally(string sourceUrl, Func<DownloadReport, Task>? throttled = null)
{
    private int _attempts;
    private int _throttled;
    private int _failures;
    private int? _latencyMs;
    private int? _retryAfterMs;

    public string Origin { get; } = OriginKey.Of(sourceUrl);

    /// <summary>Runs one attempt, counting it and how it ended.</summary>
    public async Task<T> AttemptAsync<T>(Func<Task<T>> attempt, CancellationToken budget)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _attempts++;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await attempt();
            _latencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return result;
        }
        catch (ImageFailureException failure) when (failure.IsThrottle || failure.ReasonCode == ImageFailureReasons.Http(503))
        {
            int? retryAfterMs = failure.RetryAfter is { } retryAfter ? (int)Math.Clamp(retryAfter.TotalMilliseconds, 0, int.MaxValue) : null;
            if (throttled is null)
            {
                _throttled++;
                _retryAfterMs = retryAfterMs is null ? _retryAfterMs : Math.Max(_retryAfterMs ?? 0, retryAfterMs.Value);
            }
            else
            {
                await throttled(new DownloadReport { Origin = Origin, Attempts = 1, Throttled = 1, RetryAfterMs = retryAfterMs });
            }
            throw;
        }
        catch (ImageFailureException failure) when (failure.IsTransient)
        {
            _failures++;
            throw;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            // the download budget ran out in this attempt: the origin was too slow
            _failures++;
            throw;
        }
    }

    public DownloadReport ToReport() => new()
    {
        Origin = Origin,
        Attempts = _attempts,
        Throttled = _throttled,
        Failures = _failures,
        LatencyMs = _latencyMs,
        RetryAfterMs = _retryAfterMs,
    };
}
