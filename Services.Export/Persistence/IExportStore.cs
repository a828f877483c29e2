namespace ImagePipeline.Export.Persistence;

/// <summary>Export's own state: which requests have an output CSV, and where it is.</summary>
public interface IExportStore
{
    /// <summary>The export of a request, or null when none exists yet.</summary>
    Task<ExportRecord?> FindAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="export"/> unless its request already has one of the same attempt or a later one, and
    /// returns the record that is stored, so two deliveries of one message agree on a single export; an export of an
    /// earlier attempt is replaced.
    /// </summary>
    Task<ExportRecord> AddIfAbsentAsync(ExportRecord export, CancellationToken cancellationToken);

    /// <summary>Deletes the request's export record, if any (a purge; safe to repeat).</summary>
    Task DeleteAsync(Guid requestId, CancellationToken cancellationToken);
}
