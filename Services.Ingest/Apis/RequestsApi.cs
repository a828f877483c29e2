using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.ServiceDefaults.Files;
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
            .WithSummary("Every product with every image: input URL, output URL, status, failure reason, bytes in and out. Pages of Ingest:MaxProductsPageSize products; the next page is in the Link header (rel=next).");
        group.MapRequestCommands();
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

    public static async Task<Results<Ok<IAsyncEnumerable<ProductResponse>>, NotFound<ProblemDetails>, ValidationProblem>> GetProducts(
        Guid requestId, int? limit, int? cursor, IIngestStore store, PublicUrls urls, IOptions<IngestOptions> options, HttpContext http,
        CancellationToken cancellationToken)
    {
        var max = options.Value.MaxProductsPageSize;
        if (limit is < 1 || limit > max || cursor is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {max} (Ingest:MaxProductsPageSize); cursor, when given, the one a Link header gave."],
            });
        }
        var request = await store.GetRequestAsync(requestId, cancellationToken);
        if (request is null)
        {
            return NotFound(requestId);
        }
        var size = limit ?? max;
        // a page is read whole before answering (at most the cap), so the Link header can say whether more follow
        var page = await store.GetProductsAsync(requestId, cursor ?? 0, cancellationToken).Take(size + 1).ToListAsync(cancellationToken);
        if (page.Count > size)
        {
            page.RemoveAt(size);
            var next = $"{urls.Request(requestId)}/products?limit={size}&cursor={page[^1].RowNumber}";
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
