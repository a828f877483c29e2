using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.ServiceDefaults.Csv;
using ImagePipeline.ServiceDefaults.Files;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>Validates a whole upload, then stores the CSV, records who owns the request and hands it to Ingest.</summary>
public sealed class UploadAcceptor(
    ProductCsvReader csv, IFileStore files, IPublishEndpoint bus, IGatewayStore store, IOptions<UploadOptions> options, TimeProvider time)
{
    /// <summary>
    /// Accepts the upload for <paramref name="owner"/> (null when API keys are off: the request belongs to no one). The
    /// bus is the last step, so an attempt that fails or is refused has published nothing.
    /// </summary>
    public async Task<UploadOutcome> AcceptAsync(UploadedCsv upload, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);

        var errors = new List<CsvError>();
        if (upload.WebhookUrl is { } webhookUrl && ImageUrlRule.Check(webhookUrl, options.Value.MaxWebhookUrlLength) is { } webhookError)
        {
            errors.Add(new CsvError(0, "webhookUrl", $"The webhook URL is not acceptable: {webhookError}"));
        }

        int products = 0, images = 0;
        await foreach (var row in csv.ReadAsync(upload.Rewind(), errors, cancellationToken))
        {
            products++;
            images += row.ImageUrls.Count;
        }
        if (errors.Count > 0)
        {
            return UploadOutcome.Failure(CsvValidationProblem.Create(errors, options.Value.MaxListedErrors));
        }

        // random (v4) IDs: without API keys a request ID is the only thing between a stranger and someone's results
        var requestId = Guid.NewGuid();
        var csvKey = FileKey.ForUpload(requestId);
        var now = time.GetUtcNow();
        await files.SaveAsync(csvKey, upload.Rewind(), cancellationToken);
        // owner before publishing: the request is visible to its key from the moment it exists anywhere
        if (owner is not null)
        {
            await store.TryAddOwnerAsync(requestId, owner, now, cancellationToken);
        }
        await bus.Publish(new RequestSubmitted(requestId, csvKey, upload.WebhookUrl, products, images, now), cancellationToken);
        return UploadOutcome.Success(new AcceptedUpload(requestId, products, images));
    }
}
