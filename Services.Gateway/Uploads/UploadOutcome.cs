using ImagePipeline.Gateway.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>How an upload ended: accepted (first time or replayed), or refused with problem details.</summary>
public sealed record UploadOutcome(AcceptedUpload? Accepted, ProblemDetails? Problem, TimeSpan? RetryAfter = null)
{
    public static UploadOutcome Success(AcceptedUpload accepted) => new(accepted, null);

    public static UploadOutcome Failure(ProblemDetails problem, TimeSpan? retryAfter = null) => new(null, problem, retryAfter);
}
