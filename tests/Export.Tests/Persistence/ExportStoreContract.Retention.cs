using ImagePipeline.Export.Persistence;

namespace ImagePipeline.Export.Tests.Persistence;

/// <summary>The purge part of the contract: a request's export record is deleted, and only that one.</summary>
public abstract partial class ExportStoreContract
{
    [SkippableFact]
    public async Task A_purged_request_has_no_export_and_a_repeat_is_harmless()
    {
        var replicas = await OpenStorageAsync();
        var purged = NewExport(Guid.NewGuid(), rowCount: 3);
        var kept = NewExport(Guid.NewGuid(), rowCount: 4);
        await replicas().AddIfAbsentAsync(purged, CancellationToken.None);
        await replicas().AddIfAbsentAsync(kept, CancellationToken.None);

        await replicas().DeleteAsync(purged.RequestId, CancellationToken.None);
        await replicas().DeleteAsync(purged.RequestId, CancellationToken.None);
        await replicas().DeleteAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Null(await replicas().FindAsync(purged.RequestId, CancellationToken.None));
        Assert.Equal(kept, await replicas().FindAsync(kept.RequestId, CancellationToken.None));
    }
}
