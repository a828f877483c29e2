using ImagePipeline.Export.Clients;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Storage.Files;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly;

namespace ImagePipeline.Export.Apis;

/// <summary>Downloads of output CSVs.</summary>
public static class ExportsApi
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static RouteGroupBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var api = app.MapGroup("/api/requests").WithTags("Exports");
        api.MapGet("/{id:guid}/output.csv", GetOutputCsv)
            .WithName("GetOutputCsv")
            .WithSummary("Download the output CSV of a request")
            .WithDescription("The input rows in input order with one more column: the output image URLs, position for position, an empty slot where an image failed.")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetOutputCsv(
        Guid id, IExportStore store, IFileStore files, IngestClient ingest, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is { } export
            && await files.OpenReadAsync(export.FileKey, cancellationToken) is { } file)
        {
            // the result disposes the stream once the response is written
            return TypedResults.Stream(file.Content, CsvContentType, $"output-{id}.csv", export.CreatedAt, enableRangeProcessing: true);
        }

        bool requestExists;
        try
        {
            requestExists = await ingest.RequestExistsAsync(id, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException)
        {
            return TypedResults.Problem(
                title: "Cannot tell whether the request exists right now",
                detail: "Ingest did not answer; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return requestExists
            ? TypedResults.Problem(
                title: "The output CSV is not ready yet",
                detail: $"Request {id} is still being processed; its output CSV appears once every image has a result.",
                statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Problem(
                title: "Unknown request",
                detail: $"No request has the ID {id}.",
                statusCode: StatusCodes.Status404NotFound);
    }
}
