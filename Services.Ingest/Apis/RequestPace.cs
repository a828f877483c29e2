using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;

namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// The numbers a user watches while a request runs: images in flight, results per minute over the last
/// <see cref="IngestOptions.RateWindow"/> (or since the request was recorded, when that is shorter), and the pending
/// images at that rate as seconds left. No rate yet (nothing finished in the window) means no estimate.
/// </summary>
public static class RequestPace
{
    public static async Task<RequestStatusResponse> AddToAsync(
        RequestStatusResponse status, RequestRecord request, IIngestStore store, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        if (request.Status != RequestStatuses.Processing)
        {
            return status;
        }
        var since = now - window;
        // a retry's first minutes count over the whole window: its results before the retry are older than that anyway
        var elapsed = request.Attempt == 1 && request.RecordedAt > since ? now - request.RecordedAt : window;
        var activity = await store.GetActivityAsync(request.RequestId, now - elapsed, cancellationToken);
        double? rate = elapsed > TimeSpan.FromSeconds(1) ? Math.Round(activity.DoneSince / elapsed.TotalMinutes, 1) : null;
        var pending = request.ImagesTotal - request.ImagesDone;
        int? secondsLeft = rate is > 0 ? (int)Math.Ceiling(pending / rate.Value * 60) : null;
        return status with { ImagesInFlight = activity.InFlight, RatePerMinute = rate, EstimatedSecondsLeft = secondsLeft };
    }
}
