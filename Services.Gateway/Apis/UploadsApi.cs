using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Gateway.Uploads;
using ImagePipeline.ServiceDefaults.Csv;
using ImagePipeline.ServiceDefaults.Files;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Apis;

/// <summary><c>POST /api/requests</c>: validate the whole CSV, store it, hand it to Ingest, answer at once.</summary>
public static class UploadsApi
{
    public static RouteHandlerBuilder MapUploadsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/requests", Upload)
            .WithTags("Requests")
            .WithName("SubmitRequest")
            .WithSummary("Upload a CSV of products and image URLs (multipart 'file' + optional 'webhookUrl', or a text/csv body with ?webhookUrl=).")
            .Produces<UploadAcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(UploadRateLimiting.PolicyName)
            .DisableAntiforgery();

    public static async Task<Results<Accepted<UploadAcceptedResponse>, ProblemHttpResult>> Upload(
        HttpRequest request,
        UploadReader uploads,
        ProductCsvReader csv,
        IFileStore files,
        IPublishEndpoint bus,
        PublicUrls urls,
        IOptions<UploadOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
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
            var errors = new List<CsvError>();
            if (upload.WebhookUrl is { } webhookUrl && ImageUrlRule.Check(webhookUrl, options.Value.MaxWebhookUrlLength) is { } webhookError)
            {
                errors.Add(new CsvError(0, "webhookUrl", $"The webhook URL is not acceptable: {webhookError}"));
            }

            int products = 0, images = 0;
            await foreach (var row in csv.ReadAsync(upload.Rewind(), errors, cancellationToken))
            {
                products++;
                images += row.ImageUrls.Count;
            }
            if (errors.Count > 0)
            {
                return TypedResults.Problem(CsvValidationProblem.Create(errors, options.Value.MaxListedErrors));
            }

            // random (v4) IDs: a request ID is the only thing between a stranger and someone's results
            var requestId = Guid.NewGuid();
            var csvKey = FileKey.ForUpload(requestId);
            await files.SaveAsync(csvKey, upload.Rewind(), cancellationToken);
            await bus.Publish(new RequestSubmitted(requestId, csvKey, upload.WebhookUrl, products, images, time.GetUtcNow()), cancellationToken);

            var statusUrl = urls.Request(requestId);
            return TypedResults.Accepted(
                $"/api/requests/{requestId}",
                new UploadAcceptedResponse(requestId, RequestStatuses.Accepted, statusUrl, statusUrl + "/products", products, images));
        }
    }
}
