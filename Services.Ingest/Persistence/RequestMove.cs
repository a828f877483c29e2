namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A compare-and-set of one request: it moves from <see cref="From"/> (of <see cref="Attempt"/>, when given) to
/// <see cref="To"/> only if it still stands there, and the fields given are written in the same step. What a move means
/// is decided by <see cref="Lifecycle.RequestLifecycle"/>; a store only carries it out.
/// </summary>
public sealed record RequestMove(Guid RequestId, string From, string To, DateTimeOffset At)
{
    public int? Attempt { get; init; }

    /// <summary>The request's counters, taken from its images.</summary>
    public ResultCounts? Counts { get; init; }

    /// <summary>A new lease; with <see cref="NewAttempt"/> and none, the lease is cleared.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? OutputCsvKey { get; init; }

    public string? OutputCsvUrl { get; init; }

    /// <summary>
    /// Starts the next attempt: attempt + 1, and the last one's completion, output and lease are cleared, except for a
    /// field the move itself sets (<see cref="CompletedAt"/>, <see cref="OutputCsvKey"/>, <see cref="OutputCsvUrl"/>,
    /// <see cref="LeaseUntil"/>), which takes the value given.
    /// </summary>
    public bool NewAttempt { get; init; }

    /// <summary>The Idempotency-Key of the retry that starts the new attempt.</summary>
    public string? RetryKey { get; init; }

    /// <summary>The move is a webhook event (a completion): it takes the request's next event sequence.</summary>
    public bool TakesEventSequence { get; init; }
}
