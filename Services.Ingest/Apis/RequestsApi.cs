using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.ServiceDefaults.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Ingest.Apis;

/// <summary>Status and results of requests; the gateway proxies these routes to clients.</summary>
public static class RequestsApi
{
    /// <summary>Seconds a client should wait before polling a running request again.</summary>
    public const int RetryAfterSeconds = 2;

    private static readonly string RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static RouteGroupBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/requests").WithTags("Requests");
        group.MapGet("/{requestId:guid}", GetStatus)
            .WithName("GetRequestStatus")
            .WithSummary("Status, counts and timestamps of a request; outputCsvUrl once the CSV exists.");
        group.MapGet("/{requestId:guid}/products", GetProducts)
            .WithName("GetRequestProducts")
            .WithSummary("Every product with every image: input URL, output URL, status, failure reason, bytes in and out.");
        return group;
    }

    public static async Task<Results<Ok<RequestStatusResponse>, NotFound<ProblemDetails>>> GetStatus(
        Guid requestId, IIngestStore store, IFileStore files, PublicUrls urls, HttpContext http, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is not null)
        {
            if (!RequestStatuses.IsFinal(request.Status))
            {
                http.Response.Headers.RetryAfter = RetryAfter;
            }
            return TypedResults.Ok(request.ToStatus(urls));
        }

        // accepted by the gateway but not read by Ingest yet: the upload is in the store, so the request exists
        await using var upload = await files.OpenReadAsync(FileKey.ForUpload(requestId), cancellationToken);
        if (upload is not null)
        {
            http.Response.Headers.RetryAfter = RetryAfter;
            return TypedResults.Ok(ResponseMapping.AcceptedStatus(requestId, urls));
        }
        return NotFound(requestId);
    }

    public static async Task<Results<Ok<IAsyncEnumerable<ProductResponse>>, NotFound<ProblemDetails>>> GetProducts(
        Guid requestId, IIngestStore store, CancellationToken cancellationToken)
    {
        if (await store.GetRequestAsync(requestId, cancellationToken) is null)
        {
            return NotFound(requestId);
        }
        return TypedResults.Ok(store.GetProductsAsync(requestId, cancellationToken).Select(p => p.ToResponse()));
    }

    internal static NotFound<ProblemDetails> NotFound(Guid requestId) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Request not found",
        Status = StatusCodes.Status404NotFound,
        Detail = $"No request has the ID {requestId}.",
    });
}
