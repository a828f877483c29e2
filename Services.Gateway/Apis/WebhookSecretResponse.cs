namespace ImagePipeline.Gateway.Apis;

/// <summary>The body of <c>GET /api/webhook-secret</c>: the <c>whsec_</c> secret the caller's webhooks are signed with.</summary>
public sealed record WebhookSecretResponse(string Secret);
