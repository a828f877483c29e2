using ImagePipeline.Gateway.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImagePipeline.Gateway.Apis;

/// <summary>Documents the optional <c>Idempotency-Key</c> header, which the handler reads itself to tell its errors apart.</summary>
public static class IdempotencyKeyOpenApi
{
    public static Task AddHeader(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeyHeader.Name,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe (draft-ietf-httpapi-idempotency-key-header): the same key with the same CSV and webhook URL " +
                "answers with the original 202; with another payload 422; while the first is still being accepted 409. " +
                "1-255 printable ASCII characters, bare or as a quoted string; remembered for Uploads:IdempotencyKeyLifetime (24 h).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeyHeader.MaxLength },
        });
        return Task.CompletedTask;
    }
}
