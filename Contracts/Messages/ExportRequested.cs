namespace ImagePipeline.Contracts;

/// <summary>
/// Every image of the request has a result (or was cancelled): build its output CSV. <paramref name="Attempt"/> is the
/// request's attempt (a retry of its failed images makes a new one): an export of an earlier attempt is rebuilt.
/// </summary>
public sealed record ExportRequested(Guid RequestId, int Attempt = 1);
