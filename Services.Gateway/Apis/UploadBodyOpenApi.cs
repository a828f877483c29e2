using ImagePipeline.Contracts;
using ImagePipeline.Gateway.Uploads;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImagePipeline.Gateway.Apis;

/// <summary>
/// Documents the upload's two body forms and its query fields, which <see cref="UploadReader"/> reads from the raw
/// request itself (to stream the CSV to disk), so ASP.NET Core cannot infer them.
/// </summary>
public static class UploadBodyOpenApi
{
    private static readonly string EventsDescription =
        "Comma-separated webhook events to receive besides completion: " + string.Join(", ", WebhookEvents.Selectable) + ".";

    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The CSV (header 'S. No.,Product Name,Input Image Urls'), as a multipart 'file' part or as the whole text/csv body.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { UploadReader.FilePartName },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [UploadReader.FilePartName] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The CSV file." },
                            [UploadReader.WebhookFieldName] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Where to send signed webhooks (optional)." },
                            [UploadReader.WebhookEventsFieldName] = new OpenApiSchema { Type = JsonSchemaType.String, Description = EventsDescription },
                        },
                    },
                },
                ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The CSV itself." } },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(Query(UploadReader.WebhookFieldName, "With a text/csv body: where to send signed webhooks (optional).", "uri"));
        operation.Parameters.Add(Query(UploadReader.WebhookEventsFieldName, "With a text/csv body: " + EventsDescription, format: null));
        return Task.CompletedTask;
    }

    private static OpenApiParameter Query(string name, string description, string? format) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = format },
    };
}
