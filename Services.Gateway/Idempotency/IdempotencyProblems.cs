using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Idempotency;

/// <summary>The problem details of the draft's Idempotency-Key error cases.</summary>
public static class IdempotencyProblems
{
    public const string InvalidKeyType = "urn:imagepipeline:problem:idempotency-key-invalid";
    public const string KeyReusedType = "urn:imagepipeline:problem:idempotency-key-reused";
    public const string InProgressType = "urn:imagepipeline:problem:idempotency-key-in-progress";

    public static ProblemDetails InvalidKey(string detail) => new()
    {
        Type = InvalidKeyType,
        Title = "Invalid Idempotency-Key",
        Status = StatusCodes.Status400BadRequest,
        Detail = detail,
    };

    public static ProblemDetails KeyReused() => new()
    {
        Type = KeyReusedType,
        Title = "Idempotency-Key already used for another upload",
        Status = StatusCodes.Status422UnprocessableEntity,
        Detail = $"This {IdempotencyKeyHeader.Name} was used with a different CSV or webhook URL. Use a new key for a new upload.",
    };

    public static ProblemDetails InProgress() => new()
    {
        Type = InProgressType,
        Title = "An upload with this Idempotency-Key is still being accepted",
        Status = StatusCodes.Status409Conflict,
        Detail = $"Retry shortly: once the first upload with this {IdempotencyKeyHeader.Name} is accepted, the retry gets its answer.",
    };
}
