using System.Globalization;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.TestSupport.Http;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// A catalogue whose URLs stay the same from one upload to the next: files served under fixed names by one
/// <see cref="ConditionalOrigin"/>, so
/// uploading it again is the same catalogue sent again. An image can be changed in place: same URL, new bytes.
/// </summary>
public sealed class ResyncCatalogue
{
    private readonly ConditionalOrigin _origin;
    private readonly string[] _names;
    private readonly byte[][] _bytes;
    private readonly string[] _formats;

    private ResyncCatalogue(ConditionalOrigin origin, string[] names, byte[][] bytes, string[] formats)
    {
        _origin = origin;
        _names = names;
        _bytes = bytes;
        _formats = formats;
    }

    public int Count => _names.Length;

    /// <summary>Bytes of the images as the origin serves them now.</summary>
    public long Bytes => _bytes.Sum(b => (long)b.Length);

    /// <summary>Serves every file on <paramref name="origin"/> as <c>{prefix}-{index}</c>.</summary>
    public static ResyncCatalogue Serve(ConditionalOrigin origin, string prefix, IReadOnlyList<BenchImage> files)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(files);
        var names = files.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:000}")).ToArray();
        var bytes = files.Select(f => f.Variants[0]).ToArray();
        var formats = files.Select(f => f.Format).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            origin.Put(names[i], bytes[i], ContentType(formats[i]));
        }
        return new ResyncCatalogue(origin, names, bytes, formats);
    }

    /// <summary>Every URL once, in order, the whole list <paramref name="copies"/> times (each URL in that many slots).</summary>
    public IReadOnlyList<string> Urls(int copies = 1) =>
        [.. Enumerable.Repeat(_names, copies).SelectMany(names => names).Select(_origin.Url)];

    /// <summary>
    /// Changes <paramref name="count"/> images in place, spread through the catalogue (JPEG and PNG only: see
    /// <see cref="ChangedImage"/>), and returns the bytes the origin will now serve for them.
    /// </summary>
    public long Change(int count, string edition)
    {
        var changeable = Enumerable.Range(0, Count).Where(i => ChangedImage.CanChange(_formats[i])).ToArray();
        if (count > changeable.Length)
        {
            throw new InvalidOperationException($"Only {changeable.Length} of {Count} images are JPEG or PNG; cannot change {count}.");
        }
        var bytes = 0L;
        for (var k = 0; k < count; k++)
        {
            var i = changeable[(int)((long)k * changeable.Length / count)];
            _bytes[i] = ChangedImage.Of(_bytes[i], _formats[i], edition);
            _origin.Put(_names[i], _bytes[i], ContentType(_formats[i]));
            bytes += _bytes[i].Length;
        }
        return bytes;
    }

    private static string ContentType(string format) => format switch
    {
        "png" => "image/png",
        "webp" => "image/webp",
        _ => "image/jpeg",
    };
}
