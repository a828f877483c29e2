using ImagePipeline.Contracts;
using ImagePipeline.Contracts.Csv;
using ImagePipeline.Ingest.Ingestion;
using ImagePipeline.Ingest.Persistence;
using ImagePipeline.Storage.Files;
using MassTransit;

namespace ImagePipeline.Ingest.Consumers;

/// <summary>
/// Records an accepted upload and releases the first window of its images to the workers; results refill the window.
/// On redelivery the request is already recorded and the window is only topped up (an image released before is leased,
/// and the reconciler sends it again if its message was lost).
/// </summary>
public sealed class RequestSubmittedConsumer(
    IIngestStore store, IFileStore files, UploadedProducts uploadedProducts, ImageDispatcher dispatcher, DispatchPolicy policy, TimeProvider time,
    ILogger<RequestSubmittedConsumer> logger)
    : IConsumer<RequestSubmitted>
{
    public async Task Consume(ConsumeContext<RequestSubmitted> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var request = await store.GetRequestAsync(message.RequestId, cancellationToken)
            ?? await RecordAsync(message, cancellationToken);
        if (RequestStatuses.IsFinal(request.Status))
        {
            await context.Publish(RequestCompletedFactory.From(request), cancellationToken);
            return;
        }

        var sent = await dispatcher.ReleaseAsync(context, message.RequestId, cancellationToken);
        logger.LogInformation("Request {RequestId}: {Products} products, {Images} images; released {Sent} to the workers",
            request.RequestId, request.ProductCount, request.ImagesTotal, sent);
    }

    /// <summary>Records the request (or finds it recorded by a concurrent copy) and returns it as it stands.</summary>
    private async Task<RequestRecord> RecordAsync(RequestSubmitted message, CancellationToken cancellationToken)
    {
        var errors = new List<CsvError>();
        var now = time.GetUtcNow();
        var newRequest = new NewRequest
        {
            RequestId = message.RequestId,
            CsvFileKey = message.CsvFileKey,
            WebhookUrl = message.WebhookUrl,
            SubmittedAt = message.SubmittedAt,
            RecordedAt = now,
            ClientId = message.ClientId,
            LeaseUntil = policy.RequestLeaseFrom(now),
            WebhookEvents = message.WebhookEvents,
            Fresh = message.Fresh,
        };
        // the gateway validated this file, so errors here mean it changed or the limits differ: the request fails
        // visibly, in the same write that records it
        string? FailureReason() => errors.Count == 0 ? null : string.Join("; ", errors.Take(10).Select(e => $"row {e.Row}: {e.Reason}"));
        bool created;
        await using (var upload = await files.OpenReadAsync(message.CsvFileKey, cancellationToken))
        {
            if (upload is null)
            {
                errors.Add(new CsvError(0, null, $"The uploaded file '{message.CsvFileKey}' is missing from the file store."));
            }
            var products = upload is null
                ? AsyncEnumerable.Empty<NewProduct>()
                : uploadedProducts.ReadAsync(message.RequestId, upload.Content, errors, cancellationToken);
            created = await store.CreateRequestAsync(newRequest, products, FailureReason, cancellationToken);
        }

        if (created && FailureReason() is { } reason)
        {
            logger.LogError("Request {RequestId} failed while reading its CSV: {Reason}", message.RequestId, reason);
        }
        return await store.GetRequestAsync(message.RequestId, cancellationToken)
            ?? throw new InvalidOperationException($"Request {message.RequestId} was recorded but cannot be read back.");
    }
}
