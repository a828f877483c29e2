using ImagePipeline.Contracts;

namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// A request's slots served by work already done: by another slot of the same URL (<see cref="SameRequest"/>), or by
/// an earlier request's output whose source had not changed (<see cref="NotModified"/>, <see cref="SameBytes"/>).
/// </summary>
public sealed record ReuseCounts(int SameRequest, int NotModified, int SameBytes)
{
    public static ReuseCounts From(IReadOnlyDictionary<string, int> byKind)
    {
        ArgumentNullException.ThrowIfNull(byKind);
        return new ReuseCounts(
            byKind.GetValueOrDefault(ImageReuse.SameRequest), byKind.GetValueOrDefault(ImageReuse.NotModified), byKind.GetValueOrDefault(ImageReuse.SameBytes));
    }
}
