using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Structural similarity (Wang et al., 2004) between two images of the same size and bands, as its reference
/// implementation computes it: both are first averaged down by f = max(1, round(min(width, height) / 256)), then
/// compared through a Gaussian window (σ 1.5) with C1 = (0.01 × 255)², C2 = (0.03 × 255)². The result is the lowest of
/// the bands' mean SSIM, so neither a colour channel nor the alpha channel can hide behind the others.
/// </summary>
public static class Ssim
{
    private const double Sigma = 1.5;
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    public static double Compute(Image reference, Image candidate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        if (reference.Width != candidate.Width || reference.Height != candidate.Height || reference.Bands != candidate.Bands)
        {
            throw new ArgumentException("SSIM compares images of the same size and bands.", nameof(candidate));
        }

        var factor = Math.Max(1, (int)Math.Round(Math.Min(reference.Width, reference.Height) / 256.0));
        using var x = Prepare(reference, factor);
        using var y = Prepare(candidate, factor);
        using var meanX = Blur(x);
        using var meanY = Blur(y);
        using var xx = x * x;
        using var yy = y * y;
        using var xy = x * y;
        using var blurXx = Blur(xx);
        using var blurYy = Blur(yy);
        using var blurXy = Blur(xy);
        using var meanXx = meanX * meanX;
        using var meanYy = meanY * meanY;
        using var meanXy = meanX * meanY;
        using var varianceX = blurXx - meanXx;
        using var varianceY = blurYy - meanYy;
        using var covariance = blurXy - meanXy;
        using var numerator = ((meanXy * 2) + C1) * ((covariance * 2) + C2);
        using var denominator = (meanXx + meanYy + C1) * (varianceX + varianceY + C2);
        // materialised once: every band's mean below reads the same map
        using var map = (numerator / denominator).CopyMemory();

        var lowest = double.MaxValue;
        for (var band = 0; band < map.Bands; band++)
        {
            using var channel = map[band];
            lowest = Math.Min(lowest, channel.Avg());
        }
        return lowest;
    }

    private static Image Prepare(Image image, int factor)
    {
        using var asFloat = image.Cast(Enums.BandFormat.Float);
        return factor > 1 ? asFloat.Shrink(factor, factor) : asFloat.Copy();
    }

    private static Image Blur(Image image) => image.Gaussblur(Sigma, precision: Enums.Precision.Float);
}
