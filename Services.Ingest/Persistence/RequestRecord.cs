namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A request and its counters as stored. <see cref="ClientId"/> is the uploading API key's fingerprint;
/// <see cref="Redrives"/> counts the times the reconciler sent something of this request again after its lease ran out.
/// <see cref="WebhookEvents"/> is the client's opt-in events (<see cref="Contracts.WebhookEventSelection.Stored"/>);
/// <see cref="EventSequence"/> the number of the request's latest event (progress, image or completion);
/// <see cref="RetryKey"/> the Idempotency-Key of the retry that started the current attempt.
/// </summary>
public sealed record RequestRecord(
    Guid RequestId,
    string Status,
    string CsvFileKey,
    string? WebhookUrl,
    int ProductCount,
    int ImagesTotal,
    int ImagesSucceeded,
    int ImagesFailed,
    DateTimeOffset SubmittedAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? OutputCsvKey,
    string? OutputCsvUrl,
    string? FailureReason,
    string? ClientId = null,
    int Redrives = 0,
    int Attempt = 1,
    DateTimeOffset? CancelledAt = null,
    string? WebhookEvents = null,
    long EventSequence = 0,
    string? RetryKey = null)
{
    public int ImagesDone => ImagesSucceeded + ImagesFailed;

    /// <summary>Images a cancel kept from starting (the ones neither succeeded nor failed, once cancelled).</summary>
    public int ImagesCancelled => CancelledAt is null ? 0 : ImagesTotal - ImagesDone;
}
