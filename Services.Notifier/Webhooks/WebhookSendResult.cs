using ImagePipeline.Notifier.Persistence;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>One attempt as made, and how long the receiver asked us to wait before the next (its <c>Retry-After</c>).</summary>
public sealed record WebhookSendResult(DeliveryAttempt Attempt, TimeSpan? RetryAfter);
