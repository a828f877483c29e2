using ImagePipeline.Storage.Files;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImagePipeline.Gateway.Apis;

/// <summary>
/// <c>GET /files/{key}</c>: processed images, and nothing else, from the file store. Uploaded CSVs are never served
/// (they are a client's input, readable by anyone who learns the key) and output CSVs only through the owner-checked
/// <c>GET /api/requests/{id}/output.csv</c>.
/// </summary>
public static class FilesApi
{
    /// <summary>The one part of the store that is public: output images, keyed by unguessable image IDs.</summary>
    public const string ServedPrefix = "images/";

    public static RouteHandlerBuilder MapFilesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{**key}", GetFile)
            .WithTags("Files")
            .WithName("GetFile")
            .WithSummary("Download a processed image with its content type and length.");

    public static async Task<Results<FileStreamHttpResult, NotFound>> GetFile(
        string key, IFileStore files, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        // the content type is the image's as stored: a browser must never guess another (an HTML-looking "image")
        response.Headers.XContentTypeOptions = "nosniff";
        // only well-formed keys reach the store: nothing like ../ ever becomes a path
        if (!FileKey.IsValid(key) || !key.StartsWith(ServedPrefix, StringComparison.Ordinal)
            || await files.OpenReadAsync(key, cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }
        if (!file.ContentType.StartsWith("image/", StringComparison.Ordinal))
        {
            // anything not an image is a download, never rendered inline
            response.Headers.ContentDisposition = "attachment";
        }
        return TypedResults.File(file.Content, file.ContentType, enableRangeProcessing: true);
    }
}
