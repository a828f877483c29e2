using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.ImageWorker.Tests.Corpus;

/// <summary>The decompression bombs of the corpus, by name; made on demand (the genuine PNG bomb takes a moment).</summary>
internal static class BombSamples
{
    public static readonly IReadOnlyDictionary<string, Func<byte[]>> All = new Dictionary<string, Func<byte[]>>
    {
        ["jpeg declaring 50,000 x 50,000"] = () => TestImages.JpegDeclaringSize(50_000, 50_000),
        ["genuine 1-bit png of 50,000 x 50,000"] = () => HostileImages.PngBomb50k,
        ["png declaring 50,000 x 50,000"] = () => HostileImages.PngDeclaringSize(50_000, 50_000),
        ["gif declaring 65,535 x 65,535"] = () => HostileImages.GifDeclaringSize(ushort.MaxValue, ushort.MaxValue),
    };
}
