namespace ImagePipeline.Gateway.Persistence;

/// <summary>
/// What the gateway remembers: who created each request, and which uploads each Idempotency-Key accepted. Owners are
/// fingerprints of API keys, never the keys themselves.
/// </summary>
public interface IGatewayStore
{
    /// <summary>
    /// Records <paramref name="owner"/> as the creator of <paramref name="requestId"/>; the first owner recorded stays.
    /// True when this call recorded it.
    /// </summary>
    Task<bool> TryAddOwnerAsync(Guid requestId, string owner, DateTimeOffset createdAt, CancellationToken cancellationToken);

    /// <summary>The fingerprint of the key that created the request, or null when none was recorded.</summary>
    Task<string?> FindOwnerAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the attempt's (owner, key) for it, in progress, when no live record holds them: an absent or expired
    /// record is replaced. Returns null when the attempt now holds the key, else the live record that holds it.
    /// Of any number of racing attempts with one key, exactly one gets null.
    /// </summary>
    Task<IdempotencyRecord?> TryBeginAsync(NewIdempotencyAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers what the attempt accepted until <paramref name="expiresAt"/>, if the attempt still holds its key in
    /// progress. True when recorded.
    /// </summary>
    Task<bool> TryCompleteAsync(Guid attemptId, AcceptedUpload accepted, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Lets go of a key the attempt holds in progress (its upload was refused), so the key can be used again.</summary>
    Task<bool> ReleaseAsync(Guid attemptId, CancellationToken cancellationToken);

    /// <summary>The live (unexpired) record of a key, or null.</summary>
    Task<IdempotencyRecord?> FindIdempotencyAsync(string owner, string key, DateTimeOffset now, CancellationToken cancellationToken);
}
