using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

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
        group.MapGet("/", List)
            .WithName("ListRequests")
            .WithSummary("The caller's requests, newest first, with status and counts; filter by status, page with the cursor.");
        group.MapGet("/{requestId:guid}", GetStatus)
            .WithName("GetRequestStatus")
            .WithSummary("Status, counts and timestamps of a request; outputCsvUrl once the CSV exists.");
        group.MapGet("/{requestId:guid}/products", GetProducts)
            .WithName("GetRequestProducts")
            .WithSummary("Every product with every image: input URL, output URL, their previews, status, failure reason, bytes in and out. Pages of Ingest:MaxProductsPageSize products; the next page is in the Link header (rel=next). imageStatus keeps the products with an image of that status (Failed: the ones to look at); q those whose name contains it, or whose row or serial number it is.");
        group.MapRequestCommands();
        return group;
    }

    public static async Task<Results<Ok<RequestStatusResponse>, NotFound<ProblemDetails>>> GetStatus(
        Guid requestId, IIngestStore store, IFileStore files, PublicUrls urls, IOptions<IngestOptions> options, TimeProvider time,
        HttpContext http, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is not null)
        {
            if (!RequestStatuses.IsFinal(request.Status))
            {
                http.Response.Headers.RetryAfter = RetryAfter;
            }
            var status = await RequestPace.AddToAsync(request.ToStatus(urls), request, store, options.Value.RateWindow, time.GetUtcNow(), cancellationToken);
            return TypedResults.Ok(status with { Reused = await store.CountReusedAsync(requestId, cancellationToken) });
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

    public static async Task<Results<Ok<IAsyncEnumerable<ProductResponse>>, NotFound<ProblemDetails>, ValidationProblem>> GetProducts(
        Guid requestId, int? limit, int? cursor, string? imageStatus, string? q, IIngestStore store, PublicUrls urls,
        IOptions<IngestOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxProductsPageSize;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (limit is < 1 || limit > max || cursor is < 0)
        {
            errors["limit"] = [$"limit must be between 1 and {max} (Ingest:MaxProductsPageSize); cursor, when given, the one a Link header gave."];
        }
        if (imageStatus is not null && !ProductFilters.ImageStatuses.Contains(imageStatus, StringComparer.Ordinal))
        {
            errors["imageStatus"] = [$"imageStatus must be one of {string.Join(", ", ProductFilters.ImageStatuses)}."];
        }
        if (q is { Length: > ProductFilters.MaxSearchLength })
        {
            errors["q"] = [$"q must be at most {ProductFilters.MaxSearchLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }
        var size = limit ?? max;
        var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        // a page is read whole before answering (at most the cap), so the Link header can say whether more follow
        var page = await store.FindProductsAsync(requestId, new ProductQuery(cursor ?? 0, imageStatus, search), cancellationToken)
            .Take(size + 1).ToListAsync(cancellationToken);
        if (page.Count > size)
        {
            page.RemoveAt(size);
            var next = $"{urls.Request(requestId)}/products?limit={size}&cursor={page[^1].RowNumber}{ProductFilters.Query(imageStatus, search)}";
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return TypedResults.Ok(page.Select(p => p.ToResponse()).ToAsyncEnumerable());
    }

    public static async Task<Results<Ok<RequestListResponse>, ValidationProblem>> List(
        IIngestStore store, PublicUrls urls, IOptions<IngestOptions> options, HttpContext http,
        string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var max = options.Value.MaxPageSize;
        if (limit is < 1 || limit > max)
        {
            errors["limit"] = [$"limit must be between 1 and {max} (Ingest:MaxPageSize)."];
        }
        if (status is not null && !RequestStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", RequestStatuses.All)}."];
        }
        if (!RequestCursor.TryDecode(cursor, out var after))
        {
            errors["cursor"] = ["cursor is not one this API gave out."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var client = http.Request.Headers[ClientHeader.Name].ToString();
        var page = await store.ListRequestsAsync(
            new RequestQuery(client.Length == 0 ? null : client, status, after, limit ?? Math.Min(20, max)), cancellationToken);
        return TypedResults.Ok(new RequestListResponse([.. page.Requests.Select(r => r.ToStatus(urls))], page.NextCursor));
    }

    internal static NotFound<ProblemDetails> NotFound(Guid requestId) => TypedResults.NotFound(new ProblemDetails
    {
        Title = "Request not found",
        Status = StatusCodes.Status404NotFound,
        Detail = $"No request has the ID {requestId}.",
    });
}
