namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// An upload about to be accepted under an Idempotency-Key: <paramref name="AttemptId"/> tells this attempt from a later
/// one with the same key; <paramref name="ExpiresAt"/> is how long it may hold the key before it counts as abandoned.
/// </summary>
public sealed record NewIdempotencyAttempt(
    Guid AttemptId, string Owner, string Key, string Fingerprint, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
