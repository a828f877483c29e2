namespace ImagePipeline.Gateway.Persistence;

/// <summary>One Idempotency-Key of one owner: the payload it was first used with, and the answer once accepted.</summary>
public sealed record IdempotencyRecord(
    Guid AttemptId,
    string Owner,
    string Key,
    string Fingerprint,
    IdempotencyState State,
    AcceptedUpload? Accepted,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
