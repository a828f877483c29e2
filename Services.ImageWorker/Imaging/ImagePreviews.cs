namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>The two previews of one processed image, encoded by <see cref="PreviewEncoder"/>.</summary>
public sealed record ImagePreviews(byte[] Source, byte[] Output)
{
    public long TotalBytes => Source.LongLength + Output.LongLength;
}
