namespace ImagePipeline.Notifier.Persistence;

/// <summary>Where a webhook delivery stands. Only <see cref="Pending"/> ones are ever attempted; the others wait for a redelivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; the next attempt is due at its next-attempt time.</summary>
    Pending,

    /// <summary>An attempt got a 2xx answer.</summary>
    Delivered,

    /// <summary>Every attempt of the schedule failed; no more attempts.</summary>
    Failed,

    /// <summary>The receiver answered 410 Gone: its endpoint is off, so no more attempts.</summary>
    Disabled,
}
