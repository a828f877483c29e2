namespace ImagePipeline.Contracts;

/// <summary>
/// A finished request's files are deleted and its records are being deleted (on its client's purge, or past
/// <c>Retention:Days</c>): Export drops its export record, Notifier its deliveries. Sent again by a repeated purge.
/// </summary>
public sealed record RequestPurged(Guid RequestId);
