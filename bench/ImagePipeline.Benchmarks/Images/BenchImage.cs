namespace ImagePipeline.Benchmarks.Images;

/// <summary>One kind of benchmark image: a few distinct encodings of the same size and format, used in turn.</summary>
public sealed record BenchImage(string Name, string Format, int Width, int Height, string Encoding, IReadOnlyList<byte[]> Variants)
{
    public double Megapixels => Width * (double)Height / 1_000_000;

    public double AverageBytes => Variants.Average(v => v.Length);

    public byte[] Pick(int index) => Variants[(int)((uint)index % (uint)Variants.Count)];
}
