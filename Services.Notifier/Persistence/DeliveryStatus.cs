namespace ImagePipeline.Notifier.Persistence;

/// <summary>Where a webhook delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; the next attempt is due at its next-attempt time.</summary>
    Pending,

    /// <summary>An attempt got a 2xx answer.</summary>
    Delivered,

    /// <summary>Every allowed attempt failed; no more attempts.</summary>
    Failed,
}
