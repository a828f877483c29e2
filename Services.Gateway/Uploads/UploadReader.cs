using System.Security.Cryptography;
using ImagePipeline.Contracts;
using ImagePipeline.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>
/// Takes the CSV out of a request — a multipart <c>file</c> part or a <c>text/csv</c> body — into a temporary file,
/// counting bytes as they arrive so an upload over the limit is refused without being held.
/// </summary>
public sealed class UploadReader(CsvLimits limits)
{
    public const string FilePartName = "file";
    public const string WebhookFieldName = "webhookUrl";
    public const string WebhookEventsFieldName = "webhookEvents";
    public const string FreshFieldName = "fresh";

    public async Task<UploadedCsv> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limits.MaxBytes + MultipartAllowance)
        {
            throw TooLarge();
        }
        var bodyLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
        {
            bodyLimit.MaxRequestBodySize = limits.MaxBytes + MultipartAllowance;
        }

        try
        {
            if (request.HasFormContentType)
            {
                return await ReadMultipartAsync(request, cancellationToken);
            }
            if (IsCsv(request.ContentType))
            {
                return await SpoolAsync(request.Body, request.Query[WebhookFieldName].FirstOrDefault(), request.Query[WebhookEventsFieldName],
                    Fresh(request.Query[FreshFieldName].FirstOrDefault()), cancellationToken);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException ex)
        {
            throw new UploadProblem(StatusCodes.Status400BadRequest, "Unreadable upload", $"The multipart body could not be read: {ex.Message}");
        }
        throw new UploadProblem(StatusCodes.Status415UnsupportedMediaType, "Not a CSV upload",
            $"Send the CSV as multipart/form-data with a '{FilePartName}' part, or as a text/csv body. Content-Type was '{request.ContentType ?? "(none)"}'.");
    }

    // room for the multipart boundaries and the webhookUrl field around a CSV of the largest allowed size
    private const long MultipartAllowance = 64 * 1024;

    private async Task<UploadedCsv> ReadMultipartAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxBytes + MultipartAllowance }, cancellationToken);
        var file = form.Files.GetFile(FilePartName)
            ?? throw new UploadProblem(StatusCodes.Status400BadRequest, "No CSV file", $"The multipart body has no '{FilePartName}' part.");
        var webhookUrl = form[WebhookFieldName].FirstOrDefault() ?? request.Query[WebhookFieldName].FirstOrDefault();
        var webhookEvents = form.TryGetValue(WebhookEventsFieldName, out var fromForm) ? fromForm : request.Query[WebhookEventsFieldName];
        var fresh = Fresh(form[FreshFieldName].FirstOrDefault() ?? request.Query[FreshFieldName].FirstOrDefault());
        await using var content = file.OpenReadStream();
        return await SpoolAsync(content, webhookUrl, webhookEvents, fresh, cancellationToken);
    }

    /// <summary><c>fresh=true</c>: make every image anew, reusing nothing an earlier request made.</summary>
    private static bool Fresh(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new UploadProblem(StatusCodes.Status400BadRequest, "Invalid fresh option",
            $"'{FreshFieldName}' must be true or false (true: reuse nothing from earlier requests); it was '{value}'."),
    };

    private async Task<UploadedCsv> SpoolAsync(
        Stream source, string? webhookUrl, IEnumerable<string?> webhookEvents, bool fresh, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"imagepipeline-upload-{Guid.NewGuid():N}.csv");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limits.MaxBytes)
                {
                    throw TooLarge();
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (total == 0)
            {
                throw new UploadProblem(StatusCodes.Status400BadRequest, "Empty CSV", "The uploaded CSV is empty.");
            }
            await file.FlushAsync(cancellationToken);
            return new UploadedCsv(file, string.IsNullOrWhiteSpace(webhookUrl) ? null : webhookUrl.Trim(), WebhookEvents.Parse(webhookEvents), hash.GetHashAndReset(), fresh);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private UploadProblem TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "CSV too large",
        $"The CSV is larger than {limits.MaxBytes} bytes (setting Csv:MaxBytes).");

    private static bool IsCsv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Value is "text/csv" or "application/csv";
}
