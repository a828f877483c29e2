namespace ImagePipeline.Notifier.Webhooks;

/// <summary>The <c>type</c> values of the webhooks we send.</summary>
public static class WebhookEventTypes
{
    public const string RequestCompleted = "request.completed";
    public const string RequestFailed = "request.failed";
    public const string RequestCancelled = "request.cancelled";
}
