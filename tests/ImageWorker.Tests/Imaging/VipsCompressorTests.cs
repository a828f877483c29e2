using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class VipsCompressorTests() : ImageCompressorContract(ImageCodecEngine.Vips);
