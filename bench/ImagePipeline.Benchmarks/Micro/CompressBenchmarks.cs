using BenchmarkDotNet.Attributes;
using ImagePipeline.Benchmarks.Codec;
using ImagePipeline.Benchmarks.Images;
using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.Benchmarks.Micro;

/// <summary>One image through the worker's compressor per operation, on one thread: latency and managed allocations.</summary>
[MemoryDiagnoser]
public class CompressBenchmarks
{
    private ImageCompressor _compressor = null!;
    private byte[] _source = [];

    [Params("jpeg-0.5mp", "jpeg-3mp", "jpeg-12mp", "png-1mp", "webp-1mp")]
    public string Image { get; set; } = "jpeg-3mp";

    [GlobalSetup]
    public void Setup()
    {
        _compressor = Compressors.Default();
        _source = ImageSet.All.Select(make => make()).First(i => i.Name == Image).Pick(0);
    }

    [Benchmark]
    public int Compress() => _compressor.Compress(_source).Content.Length;
}
