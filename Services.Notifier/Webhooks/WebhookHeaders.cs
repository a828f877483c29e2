using System.Globalization;

namespace ImagePipeline.Notifier.Webhooks;

/// <summary>The Standard Webhooks header names and how a delivery's message ID is spelled.</summary>
public static class WebhookHeaders
{
    public const string Id = "webhook-id";
    public const string Timestamp = "webhook-timestamp";
    public const string Signature = "webhook-signature";

    /// <summary>The <c>webhook-id</c> of a delivery: the same on every attempt, so receivers can drop repeats.</summary>
    public static string MessageId(Guid deliveryId) => "msg_" + deliveryId.ToString("N", CultureInfo.InvariantCulture);
}
