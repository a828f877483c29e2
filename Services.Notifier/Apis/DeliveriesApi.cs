using ImagePipeline.Notifier.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImagePipeline.Notifier.Apis;

/// <summary>The delivery log: which webhooks went where, and how every attempt went. Internal; the gateway may expose it.</summary>
public static class DeliveriesApi
{
    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var api = app.MapGroup("/api/deliveries").WithTags("Deliveries");
        api.MapGet("/", ListDeliveries)
            .WithName("ListDeliveries")
            .WithSummary("Webhook deliveries of a request, with every attempt")
            .WithDescription("Requires ?requestId=. Oldest delivery first, attempts in order.");
        api.MapGet("/{id:guid}", GetDelivery)
            .WithName("GetDelivery")
            .WithSummary("One webhook delivery, with every attempt");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<DeliveryResponse>>, ValidationProblem>> ListDeliveries(
        Guid? requestId, INotifierStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (requestId is not { } id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["requestId"] = ["The query parameter requestId (a GUID) is required."],
            });
        }

        var deliveries = await store.ListByRequestAsync(id, cancellationToken);
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
}
