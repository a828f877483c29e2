using ImagePipeline.Contracts;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Lifecycle;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Ingest.Retention;
using ImagePipeline.Storage.Files;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Ingest.Apis;

/// <summary>What a client can do to its request besides reading it: cancel or purge it, retry its failed images, fetch them.</summary>
public static class RequestCommandsApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapRequestCommands(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapDelete("/{requestId:guid}", Delete)
            .WithName("CancelRequest")
            .WithSummary("Cancels a running request: images not started are not started; it ends Cancelled with an output CSV of what was done. Safe to repeat while the cancel is carried out; 409 once the request has finished (Cancelled included). With ?purge=true, purges a finished request instead: its files and records are deleted (204) and every route of it answers 404 afterwards, a repeat included; 409 while it is still running (cancel it first).");
        group.MapPost("/{requestId:guid}/retry", Retry)
            .WithName("RetryFailedImages")
            .WithSummary("Re-runs only the failed images of a finished request (optionally only some reason codes: ?reasons=timeout,http_503); a new attempt with its own completion event. Idempotent per Idempotency-Key.")
            .AddOpenApiOperationTransformer(RetryIdempotencyKeyOpenApi.AddHeader);
        group.MapGet("/{requestId:guid}/failed.csv", FailedCsv)
            .WithName("GetFailedImagesCsv")
            .WithSummary("The input rows whose images failed, with a Reason column, ready to fix and upload again.");
        return group;
    }

    /// <summary>DELETE: a cancel, or with <paramref name="purge"/> a purge (one route, so the gateway's owner check covers both).</summary>
    public static async Task<Results<Accepted<RequestStatusResponse>, NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Delete(
        Guid requestId, bool? purge, RequestLifecycle lifecycle, DispatchPolicy policy, RequestPurger purger, IPublishEndpoint publish,
        IFileStore files, PublicUrls urls, TimeProvider time, CancellationToken cancellationToken)
    {
        if (purge != true)
        {
            return (await Cancel(requestId, lifecycle, policy, publish, files, urls, time, cancellationToken)).Result switch
            {
                Accepted<RequestStatusResponse> accepted => accepted,
                NotFound<ProblemDetails> notFound => notFound,
                Conflict<ProblemDetails> conflict => conflict,
                var other => throw new InvalidOperationException($"Cancel answered {other.GetType().Name}."),
            };
        }
        var purged = await purger.PurgeAsync(requestId, publish, cancellationToken);
        return purged.Outcome switch
        {
            PurgeOutcome.Purged => TypedResults.NoContent(),
            // a purge repeated after it finished finds nothing: the same 404 as every other route of a purged request
            PurgeOutcome.NotFound => RequestsApi.NotFound(requestId),
            // not cancel-then-purge: a cancel finishes only once Export has written the CSV of what was done, and a
            // caller who wants that CSV gone too can purge after it; deleting under running workers would race them
            _ => Conflict("Request still running", $"Request {requestId} is {purged.Status}: cancel it (DELETE without purge) and purge it once it has finished."),
        };
    }

    public static async Task<Results<Accepted<RequestStatusResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Cancel(
        Guid requestId, RequestLifecycle lifecycle, DispatchPolicy policy, IPublishEndpoint publish, IFileStore files, PublicUrls urls,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = await lifecycle.CancelAsync(requestId, now, policy.RequestLeaseFrom(now), cancellationToken);
        if (request is null)
        {
            return RequestsApi.NotFound(requestId);
        }
        // a cancel still being carried out answers like the first; once the request has finished (Cancelled too), 409
        if (request.CancelledAt is null || RequestStatuses.IsFinal(request.Status))
        {
            return Conflict("Request already finished", $"Request {requestId} is {request.Status}: there is nothing left to cancel.");
        }
        if (request.Status == RequestStatuses.Exporting)
        {
            // the workers skip what they have not started yet; on a repeat it is written again, in case the first failed
            await files.SaveAsync(FileKey.ForCancellation(requestId), Stream.Null, cancellationToken);
            // also on a repeat: if the first ask was lost, this one is the export (Export treats repeats as one)
            await publish.Publish(new ExportRequested(requestId, request.Attempt), cancellationToken);
        }
        return TypedResults.Accepted(urls.Request(requestId), request.ToStatus(urls));
    }

    public static async Task<Results<Accepted<RequestStatusResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Retry(
        Guid requestId, string? reasons, RequestLifecycle lifecycle, ImageDispatcher dispatcher, IPublishEndpoint publish, PublicUrls urls,
        TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var codes = reasons?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        var outcome = await lifecycle.RetryFailedAsync(requestId, codes, key.Length == 0 ? null : key, time.GetUtcNow(), cancellationToken);
        if (outcome.Request is not { } request)
        {
            return RequestsApi.NotFound(requestId);
        }
        if (outcome.Reopened == 0 && !(key.Length > 0 && request.Attempt > 1 && request.Status == RequestStatuses.Processing))
        {
            return RequestStatuses.IsFinal(request.Status) || key.Length > 0
                ? Conflict("Nothing to retry", $"Request {requestId} is {request.Status} with no failed image{(codes is { Length: > 0 } ? " of those reasons" : "")}.")
                : Conflict("Request still running", $"Request {requestId} is {request.Status}: retry once it has finished.");
        }
        await dispatcher.ReleaseAsync(publish, requestId, cancellationToken);
        return TypedResults.Accepted(urls.Request(requestId), request.ToStatus(urls));
    }

    public static async Task<Results<FileStreamHttpResult, NotFound<ProblemDetails>>> FailedCsv(
        Guid requestId, IIngestStore store, CancellationToken cancellationToken)
    {
        if (await store.GetRequestAsync(requestId, cancellationToken) is null)
        {
            return RequestsApi.NotFound(requestId);
        }
        // a temporary file, not memory: a large request can have many failed rows
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"failed-{requestId:N}-{Guid.NewGuid():N}.csv"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await FailedCsvWriter.WriteAsync(store.GetProductsAsync(requestId, cancellationToken), file, cancellationToken);
        file.Position = 0;
        return TypedResults.File(file, "text/csv; charset=utf-8", $"{requestId:N}-failed.csv");
    }

    private static Conflict<ProblemDetails> Conflict(string title, string detail) => TypedResults.Conflict(new ProblemDetails
    {
        Title = title,
        Status = StatusCodes.Status409Conflict,
        Detail = detail,
    });
}
