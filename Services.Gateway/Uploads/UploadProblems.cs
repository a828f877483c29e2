using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>Problem details of an upload that was valid but could not be taken on.</summary>
public static class UploadProblems
{
    public const string NotSubmittedType = "urn:imagepipeline:problem:upload-not-submitted";

    public static ProblemDetails NotSubmitted(TimeSpan publishTimeout, TimeSpan retryAfter) => new()
    {
        Type = NotSubmittedType,
        Title = "The upload could not be submitted for processing",
        Status = StatusCodes.Status503ServiceUnavailable,
        Detail = $"The CSV is valid, but the message broker could not take the request (waited at most {publishTimeout.TotalSeconds:0.#} s, " +
            $"setting Uploads:PublishTimeout), so nothing was submitted and no request ID was given out. Send the same upload again " +
            $"after {Math.Ceiling(retryAfter.TotalSeconds):0} s; with the same Idempotency-Key it is still accepted only once.",
    };
}
