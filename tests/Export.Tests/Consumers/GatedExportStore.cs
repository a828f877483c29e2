using ImagePipeline.Export.Persistence;
using ImagePipeline.TestSupport.Concurrency;

namespace ImagePipeline.Export.Tests.Consumers;

/// <summary>
/// The real store with an optional <see cref="Rendezvous"/> in front of the lookup every delivery starts with: a test
/// arms it to make two copies of a message both find no export before either records one.
/// </summary>
public sealed class GatedExportStore(IExportStore inner) : IExportStore
{
    public Rendezvous? BeforeFind { get; set; }

    public async Task<ExportRecord?> FindAsync(Guid requestId, CancellationToken cancellationToken)
    {
        if (BeforeFind is { } rendezvous)
        {
            await rendezvous.ArriveAsync(cancellationToken);
        }
        return await inner.FindAsync(requestId, cancellationToken);
    }

    public Task<ExportRecord> AddIfAbsentAsync(ExportRecord export, CancellationToken cancellationToken) =>
        inner.AddIfAbsentAsync(export, cancellationToken);

    public Task DeleteAsync(Guid requestId, CancellationToken cancellationToken) =>
        inner.DeleteAsync(requestId, cancellationToken);
}
