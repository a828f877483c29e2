using ImagePipeline.ServiceDefaults.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImagePipeline.Gateway.Apis;

/// <summary><c>GET /files/{key}</c>: processed images and CSVs from the file store.</summary>
public static class FilesApi
{
    public static RouteHandlerBuilder MapFilesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{**key}", GetFile)
            .WithTags("Files")
            .WithName("GetFile")
            .WithSummary("Download a stored file (processed image or CSV) with its content type and length.");

    public static async Task<Results<FileStreamHttpResult, NotFound>> GetFile(string key, IFileStore files, CancellationToken cancellationToken)
    {
        // only well-formed keys reach the store: nothing like ../ ever becomes a path
        if (!FileKey.IsValid(key) || await files.OpenReadAsync(key, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(file.Content, file.ContentType, enableRangeProcessing: true);
    }
}
