using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Csv;
using ImagePipeline.Gateway.Apis;
using ImagePipeline.Gateway.Persistence;
using ImagePipeline.Storage.Files;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Gateway.Uploads;

/// <summary>Validates a whole upload, then stores the CSV, records who owns the request and hands it to Ingest.</summary>
public sealed partial class UploadAcceptor(
    ProductCsvReader csv,
    IFileStore files,
    IPublishEndpoint bus,
    IGatewayStore store,
    ImageBudget budget,
    IOptions<UploadOptions> options,
    TimeProvider time,
    ILogger<UploadAcceptor> logger)
{
    /// <summary>
    /// Accepts the upload for <paramref name="owner"/> (null when API keys are off: the request belongs to no one). The
    /// bus is the last step, so an attempt that fails or is refused has published nothing. A broker that does not take
    /// the request within <see cref="UploadOptions.PublishTimeout"/> makes it a 503 with <c>Retry-After</c>. A valid CSV
    /// with more images than <see cref="UploadOptions.MaxImagesPerUpload"/> is a 413, and one that does not fit in
    /// <paramref name="client"/>'s image budget a 429 with <c>Retry-After</c>.
    /// </summary>
    public async Task<UploadOutcome> AcceptAsync(UploadedCsv upload, string? owner, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(client);

        // bounded: only the listed errors are held, however many a hostile file has
        var errors = new CsvErrorList(options.Value.MaxListedErrors);
        if (upload.WebhookUrl is { } webhookUrl && ImageUrlRule.Check(webhookUrl, options.Value.MaxWebhookUrlLength) is { } webhookError)
        {
            errors.Add(new CsvError(0, "webhookUrl", $"The webhook URL is not acceptable: {webhookError}"));
        }
        if (WebhookEventsError(upload) is { } eventsError)
        {
            errors.Add(new CsvError(0, UploadReader.WebhookEventsFieldName, eventsError));
        }

        int products = 0, images = 0;
        await foreach (var row in csv.ReadAsync(upload.Rewind(), errors, cancellationToken))
        {
            products++;
            images += row.ImageUrls.Count;
        }
        if (errors.Total > 0)
        {
            return UploadOutcome.Failure(CsvValidationProblem.Create(errors));
        }
        if (images > options.Value.MaxImagesPerUpload)
        {
            return UploadOutcome.Failure(UploadProblems.TooManyImages(images, options.Value.MaxImagesPerUpload));
        }
        // taken last before storing: a CSV refused above costs no budget (a publish that then fails does; it is rare)
        if (!budget.TryTake(client, images, out var retryAfter))
        {
            return UploadOutcome.Failure(UploadProblems.OverImageBudget(images, budget.PerWindow, budget.Window, retryAfter), retryAfter);
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
        var submitted = new RequestSubmitted
        {
            RequestId = requestId,
            CsvFileKey = csvKey,
            WebhookUrl = upload.WebhookUrl,
            ProductCount = products,
            ImageCount = images,
            SubmittedAt = now,
            ClientId = owner,
            WebhookEvents = upload.WebhookEvents.Stored,
            Fresh = upload.Fresh,
        };
        if (!await TryPublishAsync(submitted, cancellationToken))
        {
            return UploadOutcome.Failure(
                UploadProblems.NotSubmitted(options.Value.PublishTimeout, options.Value.PublishRetryAfter), options.Value.PublishRetryAfter);
        }
        return UploadOutcome.Success(new AcceptedUpload(requestId, products, images));
    }

    private static string? WebhookEventsError(UploadedCsv upload)
    {
        if (upload.WebhookEvents.Unknown.Count > 0)
        {
            return $"Unknown webhook events: {string.Join(", ", upload.WebhookEvents.Unknown.Take(5).Select(n => n.Length > 40 ? n[..40] + "…" : n))}. Choose from: {string.Join(", ", WebhookEvents.Selectable)}.";
        }
        return upload.WebhookEvents.OptIn.Count > 0 && upload.WebhookUrl is null
            ? "webhookEvents needs a webhookUrl to send them to."
            : null;
    }

    // MassTransit waits for a broker that is down (reconnecting) for as long as the token lets it; an upload must not.
    // A publish given up on is not sent later, so the request ID it carried was never handed out.
    private async Task<bool> TryPublishAsync(RequestSubmitted submitted, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await bus.Publish(submitted, limit.Token);
            return true;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotSubmitted(logger, submitted.RequestId, options.Value.PublishTimeout, ex);
            return false;
        }
        catch (MassTransitException ex)
        {
            // the transport refused at once (stopping, connection failed): the client's answer is the same
            LogNotSubmitted(logger, submitted.RequestId, options.Value.PublishTimeout, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Request {RequestId} was not submitted: the message broker did not take it (publish timeout {PublishTimeout}); the upload gets 503.")]
    private static partial void LogNotSubmitted(ILogger logger, Guid requestId, TimeSpan publishTimeout, Exception exception);
}
