namespace ImagePipeline.Notifier.Persistence;

/// <summary>
/// The Notifier's deliveries and their attempts. Claims are conditional updates: an attempt number is handed to one
/// caller only, however many consumers and dispatchers (in however many replicas) ask at once.
/// </summary>
public interface INotifierStore
{
    /// <summary>Records the delivery, due at once; false when a delivery for the same event already exists.</summary>
    Task<bool> TryAddDeliveryAsync(NewDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Claims the next attempt of one delivery if it is pending and due; null otherwise.</summary>
    Task<ClaimedDelivery?> TryClaimAsync(Guid deliveryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the next attempt of up to <paramref name="limit"/> due deliveries, oldest due first, at most one per
    /// webhook host (<see cref="Webhooks.WebhookHost"/>) and none for <paramref name="busyHosts"/>: the caller keeps
    /// its per-host cap without ever holding a claim it cannot send. A claimed delivery is not due again until
    /// <paramref name="leaseUntil"/>, so one whose claimer died is retried after that.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit, IReadOnlyCollection<string> busyHosts, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and moves the delivery to <paramref name="status"/> (with <paramref name="nextAttemptAt"/> when
    /// still pending; <see cref="DeliveryStatus.Disabled"/> and <see cref="DeliveryStatus.Failed"/> end it), unless a
    /// later claim has taken the delivery over meanwhile: then the attempt is only logged.
    /// </summary>
    Task RecordAttemptAsync(Guid deliveryId, DeliveryAttempt attempt, DeliveryStatus status, DateTimeOffset? nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a finished delivery (delivered, failed or disabled) pending and due at <paramref name="now"/> again, as a
    /// new series of attempts: the series number goes up by one and the retry schedule starts over, while attempt
    /// numbers go on from the last. Of racing calls exactly one redelivers; the others find it pending.
    /// </summary>
    Task<RedeliveryOutcome> RedeliverAsync(Guid deliveryId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<DeliveryRecord?> FindAsync(Guid deliveryId, CancellationToken cancellationToken);

    /// <summary>Every delivery for one request, oldest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Deletes every delivery of one request with its attempts (a purge; safe to repeat); returns how many.</summary>
    Task<int> DeleteByRequestAsync(Guid requestId, CancellationToken cancellationToken);
}
