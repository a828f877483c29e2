using ImagePipeline.Contracts;
using ImagePipeline.Export.Clients;
using ImagePipeline.Export.Csv;
using ImagePipeline.Export.Persistence;
using ImagePipeline.Storage.Files;
using MassTransit;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Export.Consumers;

/// <summary>
/// Builds a request's output CSV from Ingest's rows, stores it and announces it. A redelivered message finds the export
/// already recorded and only announces it again (Ingest ignores the repeat); an ask for a later attempt (a retry of the
/// failed images) rebuilds it.
/// </summary>
public sealed class ExportRequestedConsumer(
    IExportStore store,
    IngestClient ingest,
    IFileStore files,
    PublicUrls urls,
    TimeProvider clock,
    IOptions<ExportOptions> options,
    ILogger<ExportRequestedConsumer> logger) : IConsumer<ExportRequested>
{
    public async Task Consume(ConsumeContext<ExportRequested> context)
    {
        var requestId = context.Message.RequestId;
        var cancellationToken = context.CancellationToken;

        var export = await store.FindAsync(requestId, cancellationToken);
        if (export is null || export.Attempt < context.Message.Attempt)
        {
            export = await CreateExportAsync(requestId, context.Message.Attempt, cancellationToken);
        }

        await context.Publish(
            new OutputCsvReady(export.RequestId, export.FileKey, urls.OutputCsv(export.RequestId), export.RowCount, export.Attempt),
            cancellationToken);
    }

    private async Task<ExportRecord> CreateExportAsync(Guid requestId, int attempt, CancellationToken cancellationToken)
    {
        var key = FileKey.ForExport(requestId);
        var rowCount = await WriteToStoreAsync(requestId, key, cancellationToken);

        // a concurrent delivery may have recorded first; both wrote the same rows under the same key, keep its record
        var export = await store.AddIfAbsentAsync(new ExportRecord(requestId, key, rowCount, clock.GetUtcNow(), attempt), cancellationToken);
        logger.LogInformation("Exported {RowCount} rows of request {RequestId} to {FileKey}", export.RowCount, requestId, export.FileKey);
        return export;
    }

    private async Task<int> WriteToStoreAsync(Guid requestId, string key, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RowsReadTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        // a temporary file, not memory: an export can be as large as the input allows, and a failed attempt leaves nothing in the store
        await using var csv = new FileStream(
            Path.Combine(Path.GetTempPath(), $"export-{requestId:N}-{Guid.NewGuid():N}.csv"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var rowCount = await OutputCsvWriter.WriteAsync(ingest.GetRowsAsync(requestId, deadline.Token), csv, deadline.Token);
            csv.Position = 0;
            await files.SaveAsync(key, csv, deadline.Token);
            return rowCount;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // a timeout, not a shutdown: let the retry policy try again
            throw new TimeoutException($"The export of request {requestId} took longer than {timeout} (setting {ExportOptions.SectionName}:{nameof(ExportOptions.RowsReadTimeout)}).");
        }
    }
}
