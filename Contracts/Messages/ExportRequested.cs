namespace ImagePipeline.Contracts;

/// <summary>Every image of the request has a result: build its output CSV.</summary>
public sealed record ExportRequested(Guid RequestId);
