using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Gateway.Uploads;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Idempotency;

/// <summary>
/// Accepts an upload at most once per (owner, Idempotency-Key): the first attempt holds the key while it is accepted;
/// a retry with the same payload gets the first answer, one with another payload 422, one while the first is still
/// being accepted 409. Only accepted uploads are remembered: a refused or failed attempt lets go of its key.
/// </summary>
public sealed partial class IdempotentUploads(IGatewayStore store, IOptions<UploadOptions> options, TimeProvider time, ILogger<IdempotentUploads> logger)
{
    /// <summary>How long a client is asked to wait before retrying an upload whose key is held.</summary>
    public static readonly TimeSpan InProgressRetryAfter = TimeSpan.FromSeconds(1);

    public async Task<UploadOutcome> AcceptOnceAsync(
        string owner, string key, string fingerprint, Func<CancellationToken, Task<UploadOutcome>> accept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentNullException.ThrowIfNull(accept);

        var now = time.GetUtcNow();
        var attempt = new NewIdempotencyAttempt(Guid.NewGuid(), owner, key, fingerprint, now, now + options.Value.IdempotencyLockTimeout);
        if (await store.TryBeginAsync(attempt, now, cancellationToken) is { } holder)
        {
            return Answer(holder, fingerprint);
        }

        UploadOutcome outcome;
        try
        {
            outcome = await accept(cancellationToken);
        }
        catch
        {
            await ReleaseAsync(attempt.AttemptId);
            throw;
        }
        if (outcome.Accepted is not { } accepted)
        {
            await ReleaseAsync(attempt.AttemptId);
            return outcome;
        }

        // the request exists now: remember it even if the client has gone, so its retry finds it
        var expiresAt = time.GetUtcNow() + options.Value.IdempotencyKeyLifetime;
        if (!await store.TryCompleteAsync(attempt.AttemptId, accepted, expiresAt, CancellationToken.None))
        {
            LogKeyLost(logger, accepted.RequestId, options.Value.IdempotencyLockTimeout);
        }
        return outcome;
    }

    private static UploadOutcome Answer(IdempotencyRecord holder, string fingerprint) =>
        !string.Equals(holder.Fingerprint, fingerprint, StringComparison.Ordinal) ? UploadOutcome.Failure(IdempotencyProblems.KeyReused())
        : holder is { State: IdempotencyState.Completed, Accepted: { } accepted } ? UploadOutcome.Success(accepted)
        : UploadOutcome.Failure(IdempotencyProblems.InProgress(), InProgressRetryAfter);

    private async Task ReleaseAsync(Guid attemptId)
    {
        try
        {
            // not the request's token: a client that went away must not leave its key held
            await store.ReleaseAsync(attemptId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // the key stays held until the lock timeout; the original failure is what the caller needs to see
            LogReleaseFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Request {RequestId} was accepted after its Idempotency-Key lock ran out ({LockTimeout}); a retry with the key may create another request.")]
    private static partial void LogKeyLost(ILogger logger, Guid requestId, TimeSpan lockTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An Idempotency-Key could not be released; it stays held until its lock times out.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
