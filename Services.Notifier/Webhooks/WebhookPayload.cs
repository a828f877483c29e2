namespace ImagePipeline.Notifier.Webhooks;

/// <summary>The Standard Webhooks body: what happened (<c>type</c>), when it happened, and its data.</summary>
public sealed record WebhookPayload<TData>(string Type, DateTimeOffset Timestamp, TData Data);
