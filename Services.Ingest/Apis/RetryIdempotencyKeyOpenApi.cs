using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImagePipeline.Ingest.Apis;

/// <summary>
/// Documents the optional <c>Idempotency-Key</c> header of the retry, which the handler reads itself; the gateway
/// merges this description into its public document, so the header is described where it is implemented.
/// </summary>
public static class RetryIdempotencyKeyOpenApi
{
    public static Task AddHeader(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = RequestCommandsApi.IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes the retry safe to repeat: the same key on the same request starts one new attempt; a repeat answers " +
                "202 with that attempt while it runs and 409 once it has finished.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
        });
        return Task.CompletedTask;
    }
}
