namespace ImagePipeline.Ingest.Retention;

public enum PurgeOutcome
{
    /// <summary>Its files and records are gone (or were already, but for a part a purge cut short left).</summary>
    Purged,

    /// <summary>No such request is stored: never was, or purged before.</summary>
    NotFound,

    /// <summary>The request has not finished; nothing was deleted.</summary>
    StillRunning,
}
