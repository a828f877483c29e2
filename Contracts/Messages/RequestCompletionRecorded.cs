namespace ImagePipeline.Contracts;

/// <summary>
/// Notifier has recorded what it must do about a finished request (a webhook delivery, or nothing when the request
/// has no webhook); Ingest stops re-announcing the request.
/// </summary>
public sealed record RequestCompletionRecorded(Guid RequestId, string Status);
