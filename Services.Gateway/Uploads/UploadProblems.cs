using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>Problem details of an upload that was valid but could not be taken on.</summary>
public static class UploadProblems
{
    public const string NotSubmittedType = "urn:imagepipeline:problem:upload-not-submitted";
    public const string TooManyImagesType = "urn:imagepipeline:problem:too-many-images";
    public const string ImageBudgetType = "urn:imagepipeline:problem:image-budget-exceeded";

    public static ProblemDetails TooManyImages(int images, int maxImages) => new()
    {
        Type = TooManyImagesType,
        Title = "Too many images in one upload",
        Status = StatusCodes.Status413PayloadTooLarge,
        Detail = $"The CSV is valid but names {images} images; one upload may name at most {maxImages} (setting Uploads:MaxImagesPerUpload). " +
            "Split it into several uploads.",
    };

    public static ProblemDetails OverImageBudget(int images, int perWindow, TimeSpan window, TimeSpan? retryAfter) => new()
    {
        Type = ImageBudgetType,
        Title = "Image budget used up",
        Status = retryAfter is null ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status429TooManyRequests,
        Detail = retryAfter is { } wait
            ? $"The CSV is valid, but its {images} images do not fit in what is left of this client's budget of {perWindow} images per " +
              $"{window.TotalMinutes:0.#} min (settings Uploads:ImageBudget:PerWindow, Uploads:ImageBudget:Window). Nothing was submitted; " +
              $"retry after {Math.Ceiling(wait.TotalSeconds):0} s."
            : $"The CSV is valid, but its {images} images are more than a client's whole budget of {perWindow} images per " +
              $"{window.TotalMinutes:0.#} min (settings Uploads:ImageBudget:PerWindow, Uploads:ImageBudget:Window). Split it into several uploads.",
    };

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
