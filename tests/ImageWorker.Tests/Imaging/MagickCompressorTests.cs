using ImagePipeline.ImageWorker.Imaging;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

public sealed class MagickCompressorTests() : ImageCompressorContract(ImageCodecEngine.Magick);
