using System.Globalization;
using ImagePipeline.Contracts;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// A request's images by how each came to its result: made for it (downloaded and compressed), or reused
/// (<see cref="ImageReuse"/>: another slot's work, a 304, the same bytes again); failed, pending and cancelled apart.
/// </summary>
public sealed record ImageReuseCounts(int Made = 0, int SameRequest = 0, int NotModified = 0, int SameBytes = 0, int Failed = 0, int Other = 0)
{
    public int Total => Made + SameRequest + NotModified + SameBytes + Failed + Other;

    /// <summary>These counts with one more image of <paramref name="status"/> and <paramref name="reuse"/> (null: made for it).</summary>
    public ImageReuseCounts Add(string status, string? reuse) => (status, reuse) switch
    {
        ("Failed", _) => this with { Failed = Failed + 1 },
        ("Succeeded", null) => this with { Made = Made + 1 },
        ("Succeeded", ImageReuse.SameRequest) => this with { SameRequest = SameRequest + 1 },
        ("Succeeded", ImageReuse.NotModified) => this with { NotModified = NotModified + 1 },
        ("Succeeded", ImageReuse.SameBytes) => this with { SameBytes = SameBytes + 1 },
        ("Succeeded", _) => throw new InvalidOperationException($"An image was reused as '{reuse}', which this benchmark does not know."),
        _ => this with { Other = Other + 1 },
    };

    /// <summary>The kinds with any images, e.g. "made 14, not_modified 127"; "none" when there are none.</summary>
    public string Describe()
    {
        var kinds = new (string Name, int Count)[]
        {
            ("made", Made), (ImageReuse.SameRequest, SameRequest), (ImageReuse.NotModified, NotModified), (ImageReuse.SameBytes, SameBytes),
            ("failed", Failed), ("pending or cancelled", Other),
        }.Where(k => k.Count > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name} {k.Count}")).ToArray();
        return kinds.Length == 0 ? "none" : string.Join(", ", kinds);
    }

    /// <summary>Markdown table cells: made | same_request | not_modified | same_bytes | failed (pending or cancelled, when any).</summary>
    public string Cells() => string.Create(CultureInfo.InvariantCulture,
        $"{Made} | {SameRequest} | {NotModified} | {SameBytes} | {Failed}{(Other > 0 ? $" ({Other} pending or cancelled)" : "")}");
}
