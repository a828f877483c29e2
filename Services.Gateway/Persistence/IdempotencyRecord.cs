namespace ImagePipeline.Gateway.Persistence;

/// <summary>One Idempotency-Key of one owner: the payload it was first used with, and the answer once accepted.</summary>
public sealed record IdempotencyRecord
{
    public required Guid AttemptId { get; init; }

    public required string Owner { get; init; }

    public required string Key { get; init; }

    /// <summary>The payload's fingerprint: the same key with another payload is refused.</summary>
    public required string Fingerprint { get; init; }

    public required IdempotencyState State { get; init; }

    /// <summary>The answer given once the upload was accepted; null until then.</summary>
    public AcceptedUpload? Accepted { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
