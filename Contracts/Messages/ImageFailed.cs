namespace ImagePipeline.Contracts;

/// <summary>One image could not be processed; <see cref="ReasonCode"/> is one of <see cref="ImageFailureReasons"/>.</summary>
public sealed record ImageFailed(
    Guid RequestId,
    Guid ImageId,
    string ReasonCode,
    string Reason,
    string WorkerId);
