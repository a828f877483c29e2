using ImageMagick;

namespace ImagePipeline.TestSupport.Images;

/// <summary>
/// Real images generated on the fly, deterministic for a given seed. The photo-like content (smooth colour fields plus
/// fine grain) compresses like a photograph: a 2048 × 1536 JPEG at quality 90 is ~1.2 MB and takes well under a second.
/// </summary>
public static class TestImages
{
    /// <summary>The colour painted into the top-left corner of the stored pixels by <see cref="JpegWithOrientation"/>.</summary>
    public static readonly IMagickColor<byte> MarkerColor = MagickColors.Red;

    public static byte[] Jpeg(int width, int height, int quality = 90, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>A photo-like PNG; <paramref name="zlibLevel"/> 0..9 (a low level leaves room for recompression).</summary>
    public static byte[] Png(int width, int height, int zlibLevel = 6, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zlibLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(zlibLevel, 9);
        using var image = Photo(width, height, seed);
        // PNG "quality" is zlib level × 10 + filter type; 5 = adaptive filtering
        image.Quality = (uint)((zlibLevel * 10) + 5);
        return image.ToByteArray(MagickFormat.Png);
    }

    /// <summary>A flat-colour graphic with a few shapes, the kind of PNG that compresses very well.</summary>
    public static byte[] GraphicPng(int width, int height)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, (uint)width, (uint)height);
        image.Draw(new ImageMagick.Drawing.Drawables()
            .FillColor(MagickColors.Gold).Rectangle(width / 8.0, height / 8.0, width / 2.0, height / 2.0)
            .FillColor(MagickColors.White).Ellipse(width * 0.7, height * 0.6, width / 6.0, height / 6.0, 0, 360));
        // stored with no compression at all, as some tools do
        image.Quality = 1;
        return image.ToByteArray(MagickFormat.Png);
    }

    public static byte[] WebP(int width, int height, int quality = 90, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.WebP);
    }

    public static byte[] Gif(int width, int height, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        return image.ToByteArray(MagickFormat.Gif);
    }

    /// <summary>
    /// An animation of a square moving over a still background, every frame stored whole (not optimised), so
    /// re-optimising the frames can make it smaller.
    /// </summary>
    public static byte[] AnimatedGif(int width, int height, int frames = 4, int seed = 1) =>
        Animation(width, height, frames, seed, MagickFormat.Gif, quality: null);

    public static byte[] AnimatedWebP(int width, int height, int frames = 4, int quality = 90, int seed = 1) =>
        Animation(width, height, frames, seed, MagickFormat.WebP, quality);

    /// <summary>A CMYK JPEG, with the U.S. Web Coated (SWOP) profile embedded unless <paramref name="embedProfile"/> is false.</summary>
    public static byte[] CmykJpeg(int width, int height, int quality = 90, bool embedProfile = true, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        if (embedProfile)
        {
            image.TransformColorSpace(ColorProfiles.SRGB, ColorProfiles.USWebCoatedSWOP);
        }
        else
        {
            image.ColorSpace = ColorSpace.CMYK;
        }
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>An sRGB photo converted to Adobe RGB (1998), with that profile embedded.</summary>
    public static byte[] AdobeRgbJpeg(int width, int height, int quality = 90, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        image.TransformColorSpace(ColorProfiles.SRGB, ColorProfiles.AdobeRGB1998);
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>
    /// A JPEG whose stored pixels are <paramref name="width"/> × <paramref name="height"/> with <see cref="MarkerColor"/> in
    /// the top-left corner, and an EXIF orientation (6 = display rotated 90° clockwise: the marker ends top-right).
    /// </summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation = 6, int quality = 90, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        var marker = Math.Max(4, Math.Min(width, height) / 8);
        image.Draw(new ImageMagick.Drawing.Drawables().FillColor(MarkerColor).Rectangle(0, 0, marker - 1, marker - 1));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, orientation);
        image.SetProfile(exif);
        // ImageMagick writes the EXIF tag from this property, not from the profile
        image.Orientation = (Orientation)orientation;
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>A JPEG carrying EXIF (camera make, model, GPS position) and a comment: what a worker must strip.</summary>
    public static byte[] JpegWithMetadata(int width, int height, int quality = 90, int seed = 1)
    {
        using var image = Photo(width, height, seed);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "TestCam");
        exif.SetValue(ExifTag.Model, "Model 1");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(31, 1), new Rational(0, 1)]);
        image.SetProfile(exif);
        image.Comment = "secret comment";
        image.Quality = (uint)quality;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>The first <paramref name="fraction"/> of a JPEG: decoders fill the rest with grey and only warn.</summary>
    public static byte[] TruncatedJpeg(int width, int height, double fraction = 0.6, int quality = 90, int seed = 1)
    {
        var whole = Jpeg(width, height, quality, seed);
        return whole.AsSpan(0, (int)(whole.Length * fraction)).ToArray();
    }

    /// <summary>
    /// A small real JPEG whose header claims <paramref name="declaredWidth"/> × <paramref name="declaredHeight"/>: the
    /// shape of a decompression bomb, a few kilobytes that would need gigabytes to decode.
    /// </summary>
    public static byte[] JpegDeclaringSize(int declaredWidth, int declaredHeight)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(declaredWidth, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(declaredHeight, ushort.MaxValue);
        var jpeg = Jpeg(64, 64, quality: 80);
        // the baseline frame header: FF C0, length (2), precision (1), height (2), width (2), big-endian
        for (var i = 2; i < jpeg.Length - 8; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                jpeg[i + 5] = (byte)(declaredHeight >> 8);
                jpeg[i + 6] = (byte)declaredHeight;
                jpeg[i + 7] = (byte)(declaredWidth >> 8);
                jpeg[i + 8] = (byte)declaredWidth;
                return jpeg;
            }
        }
        throw new InvalidOperationException("The generated JPEG has no baseline frame header.");
    }

    private static byte[] Animation(int width, int height, int frameCount, int seed, MagickFormat format, int? quality)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        using var background = Photo(width, height, seed);
        using var frames = new MagickImageCollection();
        var size = Math.Max(4, Math.Min(width, height) / 4);
        for (var i = 0; i < frameCount; i++)
        {
            var frame = (MagickImage)background.Clone();
            var x = (width - size) * i / Math.Max(1, frameCount - 1);
            frame.Draw(new ImageMagick.Drawing.Drawables().FillColor(MagickColors.Orange).Rectangle(x, height / 3.0, x + size, (height / 3.0) + size));
            frame.AnimationDelay = 10;
            frame.GifDisposeMethod = GifDisposeMethod.None;
            if (quality is { } q)
            {
                frame.Quality = (uint)q;
            }
            frames.Add(frame);
        }
        return frames.ToByteArray(format);
    }

    /// <summary>
    /// Per channel, a sum of separable sine waves (so each pixel costs a few multiply-adds) plus fine grain: smooth
    /// regions and texture, the mix that makes a JPEG's size depend on its quality the way a photograph's does.
    /// </summary>
    private static MagickImage Photo(int width, int height, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        const int wavesPerChannel = 4;
        const float waveAmplitude = 30f;
        const float grainAmplitude = 14f;

        var random = new Random(seed);
        var columns = new float[3 * wavesPerChannel][];
        var rows = new float[3 * wavesPerChannel][];
        for (var w = 0; w < columns.Length; w++)
        {
            columns[w] = Wave(width, random);
            rows[w] = Wave(height, random);
        }

        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        for (int y = 0, i = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var channel = 0; channel < 3; channel++, i++)
                {
                    var value = 128f + ((pixels[i] - 128) * grainAmplitude / 128f);
                    for (var w = channel * wavesPerChannel; w < (channel + 1) * wavesPerChannel; w++)
                    {
                        value += waveAmplitude * columns[w][x] * rows[w][y];
                    }
                    pixels[i] = (byte)Math.Clamp(value, 0f, 255f);
                }
            }
        }

        var image = new MagickImage();
        image.ReadPixels(pixels, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGB));
        return image;
    }

    // between half a period and three and a half periods across the image
    private static float[] Wave(int length, Random random)
    {
        var frequency = (0.5 + (random.NextDouble() * 3)) * 2 * Math.PI / length;
        var phase = random.NextDouble() * 2 * Math.PI;
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)Math.Sin((frequency * i) + phase);
        }
        return values;
    }
}
