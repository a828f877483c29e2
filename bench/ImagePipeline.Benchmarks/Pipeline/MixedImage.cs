using ImagePipeline.Benchmarks.Images;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>One image of a request: a benchmark image kind and which of its encodings.</summary>
public sealed record MixedImage(BenchImage Image, int Variant)
{
    public byte[] Bytes => Image.Pick(Variant);
}
