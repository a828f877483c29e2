using ImagePipeline.Contracts.Csv;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Ingest.Apis;

/// <summary>Routes other services call through service discovery; the gateway does not expose them.</summary>
public static class InternalApi
{
    public static RouteGroupBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/requests").WithTags("Internal").ExcludeFromDescription();
        group.MapGet("/{requestId:guid}/rows", GetRows).WithName("GetOutputRows");
        // for an operator and the scale-out tests, never proxied: how this replica dispatches right now
        app.MapGet("/internal/dispatch", (DispatchPolicy policy, TimeProvider time) => TypedResults.Ok(policy.State(time.GetUtcNow())))
            .WithTags("Internal").ExcludeFromDescription();
        return group;
    }

    /// <summary>The output CSV's rows in input order, streamed so Export never needs the whole request in memory.</summary>
    public static async Task<Results<Ok<IAsyncEnumerable<OutputRow>>, NotFound<ProblemDetails>>> GetRows(
        Guid requestId, IIngestStore store, CancellationToken cancellationToken)
    {
        if (await store.GetRequestAsync(requestId, cancellationToken) is null)
        {
            return RequestsApi.NotFound(requestId);
        }
        return TypedResults.Ok(store.GetProductsAsync(requestId, cancellationToken).Select(p => p.ToOutputRow()));
    }
}
