using NetVips;

namespace ImagePipeline.ImageWorker.Tests.Imaging;

/// <summary>Images made with libvips' generators and savers (its loaders are blocked in this process, as in the worker).</summary>
internal static class VipsTestImages
{
    /// <summary>A product cut-out: colour fields inside an opaque disc, fully transparent around it.</summary>
    public static byte[] TransparentPng(int width, int height)
    {
        using var rgb = Photo(width, height);
        using var xy = Image.Xyz(width, height);
        using var dx = xy[0] - (width / 2.0);
        using var dy = xy[1] - (height / 2.0);
        var radius = Math.Min(width, height) * 0.4;
        using var inside = ((dx * dx) + (dy * dy)) < (radius * radius);
        using var rgba = rgb.Bandjoin(inside);
        return rgba.PngsaveBuffer(compression: 1);
    }

    /// <summary>Saturated colour fields with a little grain, stored uncompressed (as some tools do).</summary>
    public static byte[] PhotoPng(int width, int height)
    {
        using var photo = Photo(width, height);
        return photo.PngsaveBuffer(compression: 0);
    }

    /// <summary>Noise a palette cannot hold: the PNG rule must fall back to lossless for it.</summary>
    public static byte[] NoisePng(int width, int height, int compression = 0)
    {
        using var noise = Noise(width, height);
        return noise.PngsaveBuffer(compression: compression);
    }

    /// <summary>A photo-like image converted from sRGB to Display P3, with libvips' P3 profile embedded.</summary>
    public static byte[] DisplayP3Jpeg(int width, int height, int quality = 95)
    {
        using var srgb = Photo(width, height);
        using var tagged = srgb.Copy(interpretation: Enums.Interpretation.Srgb);
        using var p3 = tagged.IccTransform("p3", inputProfile: "srgb", embedded: false, intent: Enums.Intent.Relative);
        return p3.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.Icc);
    }

    /// <summary>The same photo-like pixels as <see cref="DisplayP3Jpeg"/>, in sRGB with no profile.</summary>
    public static byte[] SrgbJpeg(int width, int height, int quality = 95)
    {
        using var srgb = Photo(width, height);
        return srgb.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
    }

    // saturated colour fields (where P3 and sRGB differ most) with a little grain
    private static Image Photo(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var fx = x[0] * (255.0 / width);
        using var fy = x[1] * (255.0 / height);
        using var diagonal = (fx + fy) * 0.5;
        using var fields = fx.Bandjoin(fy, 255 - diagonal);
        using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0, seed: 3);
        using var grainy = fields + grain;
        return grainy.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static Image Noise(int width, int height)
    {
        using var r = Image.Gaussnoise(width, height, sigma: 80, mean: 128, seed: 1);
        using var g = Image.Gaussnoise(width, height, sigma: 80, mean: 128, seed: 2);
        using var b = Image.Gaussnoise(width, height, sigma: 80, mean: 128, seed: 3);
        using var joined = r.Bandjoin(g, b);
        return joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
