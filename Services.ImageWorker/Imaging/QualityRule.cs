namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>"50% of the original quality" for lossy formats.</summary>
public static class QualityRule
{
    /// <summary>Used when the source's quality is unknown (ImageMagick reports 0, as it does for every WebP).</summary>
    public const int UnknownSourceQuality = 50;

    /// <summary>round(Q × 0.5), halves rounded away from zero, 50 for an unknown Q, always within 1..100.</summary>
    public static int OutputQuality(int sourceQuality)
    {
        if (sourceQuality <= 0)
        {
            return UnknownSourceQuality;
        }
        var half = (int)Math.Round(sourceQuality * 0.5, MidpointRounding.AwayFromZero);
        return Math.Clamp(half, 1, 100);
    }
}
