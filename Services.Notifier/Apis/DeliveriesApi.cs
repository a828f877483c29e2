using ImagePipeline.Notifier.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImagePipeline.Notifier.Apis;

/// <summary>
/// The delivery log: which webhooks went where, how every attempt went, and redelivery of a finished one. Internal;
/// the gateway may expose it.
/// </summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var api = app.MapGroup("/api").WithTags("Deliveries");
        api.MapGet("/requests/{requestId:guid}/deliveries", ListRequestDeliveries)
            .WithName("ListRequestDeliveries")
            .WithSummary("Webhook deliveries of a request, with every attempt")
            .WithDescription("Oldest delivery first, attempts in order. Empty for a request the notifier has sent nothing for.");
        api.MapGet("/deliveries/{id:guid}", GetDelivery)
            .WithName("GetDelivery")
            .WithSummary("One webhook delivery, with every attempt");
        api.MapPost("/deliveries/{id:guid}/redeliver", Redeliver)
            .WithName("RedeliverDelivery")
            .WithSummary("Sends a delivered, failed or disabled webhook again")
            .WithDescription(
                "Starts a new series of attempts at once, on the retry schedule from its beginning, with the same webhook-id " +
                "(it is the same message). 409 while the delivery is still pending.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DeliveryResponse>>> ListRequestDeliveries(
        Guid requestId, INotifierStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var deliveries = await store.ListByRequestAsync(requestId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeliveryResponse>>([.. deliveries.Select(DeliveryResponse.From)]);
    }

    public static async Task<Results<Ok<DeliveryResponse>, NotFound>> GetDelivery(
        Guid id, INotifierStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.FindAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Ok(DeliveryResponse.From(delivery))
            : TypedResults.NotFound();
    }

    public static async Task<Results<Accepted<DeliveryResponse>, NotFound, ProblemHttpResult>> Redeliver(
        Guid id, INotifierStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);

        var outcome = await store.RedeliverAsync(id, time.GetUtcNow(), cancellationToken);
        if (outcome == RedeliveryOutcome.StillPending)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The delivery is still pending",
                detail: "Its attempts are still going on; only a delivered, failed or disabled delivery can be redelivered.");
        }
        // the dispatcher's next poll sends it; the response shows the new series, due now
        return outcome == RedeliveryOutcome.Redelivered && await store.FindAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Accepted($"/api/deliveries/{id:D}", DeliveryResponse.From(delivery))
            : TypedResults.NotFound();
    }
}
