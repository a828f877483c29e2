namespace ImagePipeline.Gateway.Persistence;

/// <summary>Where the upload an Idempotency-Key belongs to has got to.</summary>
public enum IdempotencyState
{
    /// <summary>An upload with the key is being accepted right now.</summary>
    InProgress,

    /// <summary>The upload was accepted; its answer is kept.</summary>
    Completed,
}
