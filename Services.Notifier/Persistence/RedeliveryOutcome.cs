namespace ImagePipeline.Notifier.Persistence;

/// <summary>What asking for a redelivery did.</summary>
public enum RedeliveryOutcome
{
    /// <summary>The delivery was finished (delivered, failed or disabled) and is now pending again, due at once, in a new series.</summary>
    Redelivered,

    /// <summary>No delivery has that ID.</summary>
    NotFound,

    /// <summary>The delivery is still pending (waiting for, or making, an attempt), so nothing changed.</summary>
    StillPending,
}
