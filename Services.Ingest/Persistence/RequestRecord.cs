namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A request and its counters as stored. <see cref="ClientId"/> is the uploading API key's fingerprint;
/// <see cref="Redrives"/> counts the times the reconciler sent something of this request again after its lease ran out.
/// <see cref="WebhookEvents"/> is the client's opt-in events (<see cref="Contracts.WebhookEventSelection.Stored"/>);
/// <see cref="EventSequence"/> the number of the request's latest event (progress, image or completion);
/// <see cref="RetryKey"/> the Idempotency-Key of the retry that started the current attempt.
/// </summary>
public sealed record RequestRecord
{
    public required Guid RequestId { get; init; }

    public required string Status { get; init; }

    public required string CsvFileKey { get; init; }

    public string? WebhookUrl { get; init; }

    public required int ProductCount { get; init; }

    public required int ImagesTotal { get; init; }

    public required int ImagesSucceeded { get; init; }

    public required int ImagesFailed { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? OutputCsvKey { get; init; }

    public string? OutputCsvUrl { get; init; }

    public string? FailureReason { get; init; }

    public string? ClientId { get; init; }

    public int Redrives { get; init; }

    public int Attempt { get; init; } = 1;

    public DateTimeOffset? CancelledAt { get; init; }

    public string? WebhookEvents { get; init; }

    public long EventSequence { get; init; }

    public string? RetryKey { get; init; }

    public int ImagesDone => ImagesSucceeded + ImagesFailed;

    /// <summary>Images a cancel kept from starting (the ones neither succeeded nor failed, once cancelled).</summary>
    public int ImagesCancelled => CancelledAt is null ? 0 : ImagesTotal - ImagesDone;
}
