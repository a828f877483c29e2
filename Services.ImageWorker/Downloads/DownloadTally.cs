using System.Diagnostics;
using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Downloads;

/// <summary>
/// What one image's download met at its origin, counted while it runs and reported with the result
/// (<see cref="DownloadReport"/>), so Ingest can pace the origin. Used by one download at a time.
/// </summary>
public sealed class DownloadTally(string sourceUrl)
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
            _throttled++;
            if (failure.RetryAfter is { } retryAfter)
            {
                _retryAfterMs = Math.Max(_retryAfterMs ?? 0, (int)Math.Clamp(retryAfter.TotalMilliseconds, 0, int.MaxValue));
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
