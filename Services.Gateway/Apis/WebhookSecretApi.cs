using ImagePipeline.Gateway.Access;
using ImagePipeline.Outbound.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ImagePipeline.Gateway.Apis;

/// <summary>
/// <c>GET /api/webhook-secret</c>: the secret the caller's webhooks are signed with, derived from the master secret and
/// the caller's API key, so it is the caller's own and no other client can verify (or forge) with it.
/// </summary>
public static class WebhookSecretApi
{
    public const string ProblemType = "urn:imagepipeline:problem:webhook-secret-per-api-key";

    public static RouteHandlerBuilder MapWebhookSecretApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/webhook-secret", GetWebhookSecret)
            .WithTags("Webhooks")
            .WithName("GetWebhookSecret")
            .WithSummary("The Standard Webhooks secret (whsec_…) that signs the webhooks of requests uploaded with the calling API key.")
            .Produces<WebhookSecretResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static Results<Ok<WebhookSecretResponse>, ProblemHttpResult> GetWebhookSecret(
        HttpContext http, [FromServices] WebhookSigningKeys? signingKeys)
    {
        ArgumentNullException.ThrowIfNull(http);
        // without API keys there are no clients to tell apart: every webhook is signed with the one secret the operator
        // configured, and serving it to anyone who asks would let anyone forge webhooks
        if (ClientIdentity.Of(http) is not { } clientId || signingKeys is null)
        {
            return TypedResults.Problem(
                type: ProblemType,
                statusCode: StatusCodes.Status404NotFound,
                title: "No per-client webhook secret",
                detail: "API keys are off (Access:ApiKeys is empty), so webhooks are signed with the single secret the operator configured " +
                    "(Webhooks:SigningSecret); ask the operator for it.");
        }
        // a secret must not linger in a shared cache or a browser's history
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WebhookSecretResponse(signingKeys.SecretFor(clientId)));
    }
}
