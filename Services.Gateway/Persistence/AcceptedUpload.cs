namespace ImagePipeline.Gateway.Persistence;

/// <summary>What a 202 answer to an upload said, kept so a retry with the same Idempotency-Key gets the same answer.</summary>
public sealed record AcceptedUpload(Guid RequestId, int ProductCount, int ImageCount);
