using System.Globalization;
using ImagePipeline.Contracts;
using ImagePipeline.Gateway.Access;
using ImagePipeline.Gateway.Idempotency;
using ImagePipeline.Gateway.Uploads;
using ImagePipeline.Storage.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImagePipeline.Gateway.Apis;

/// <summary><c>POST /api/requests</c>: validate the whole CSV, store it, hand it to Ingest, answer at once.</summary>
public static class UploadsApi
{
    /// <summary>Who owns idempotency keys when API keys are off (an API key's owner is a 64-digit hex fingerprint).</summary>
    public const string AnonymousOwner = "anonymous";

    public static RouteHandlerBuilder MapUploadsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/requests", Upload)
            .WithTags("Requests")
            .WithName("SubmitRequest")
            .WithSummary("Upload a CSV of products and image URLs (multipart 'file' + optional 'webhookUrl', or a text/csv body with ?webhookUrl=); 'fresh=true' reuses nothing from earlier requests. " +
                "An optional Idempotency-Key header makes retries safe.")
            .Produces<UploadAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(IdempotencyKeyOpenApi.AddHeader)
            .AddOpenApiOperationTransformer(UploadBodyOpenApi.Describe)
            .RequireRateLimiting(UploadRateLimiting.PolicyName)
            .DisableAntiforgery();

    public static async Task<Results<Accepted<UploadAcceptedResponse>, ProblemHttpResult>> Upload(
        HttpRequest request,
        UploadReader uploads,
        UploadAcceptor acceptor,
        IdempotentUploads idempotency,
        PublicUrls urls,
        CancellationToken cancellationToken)
    {
        // the key is checked before the body is read: a malformed one costs the client nothing but a 400
        if (!IdempotencyKeyHeader.TryRead(request.Headers[IdempotencyKeyHeader.Name], out var idempotencyKey, out var keyError))
        {
            return TypedResults.Problem(IdempotencyProblems.InvalidKey(keyError!));
        }

        UploadedCsv upload;
        try
        {
            upload = await uploads.ReadAsync(request, cancellationToken);
        }
        catch (UploadProblem problem)
        {
            return TypedResults.Problem(problem.Message, statusCode: problem.StatusCode, title: problem.Title);
        }

        await using (upload)
        {
            var owner = ClientIdentity.Of(request.HttpContext);
            var client = UploadRateLimiting.ClientOf(request.HttpContext);
            var outcome = idempotencyKey is null
                ? await acceptor.AcceptAsync(upload, owner, client, cancellationToken)
                : await idempotency.AcceptOnceAsync(
                    owner ?? AnonymousOwner, idempotencyKey, upload.Fingerprint, token => acceptor.AcceptAsync(upload, owner, client, token), cancellationToken);

            if (outcome.Accepted is not { } accepted)
            {
                if (outcome.RetryAfter is { } retryAfter)
                {
                    request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }
                return TypedResults.Problem(outcome.Problem!);
            }

            var statusUrl = urls.Request(accepted.RequestId);
            return TypedResults.Accepted(
                $"/api/requests/{accepted.RequestId}",
                new UploadAcceptedResponse(accepted.RequestId, RequestStatuses.Accepted, statusUrl, statusUrl + "/products", accepted.ProductCount, accepted.ImageCount));
        }
    }
}
