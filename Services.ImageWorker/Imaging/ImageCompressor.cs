using ImageMagick;
using ImageMagick.Formats;
using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Compresses one image, keeping its format. Every image is auto-oriented, converted to sRGB when it is CMYK or carries
/// a colour profile, and stripped of metadata. Then:
/// <list type="bullet">
/// <item>JPEG, WebP: re-encoded at <see cref="QualityRule.OutputQuality"/> of the source's estimated quality (WebP's is
/// unknown to ImageMagick, so 50); JPEG keeps Huffman optimisation on.</item>
/// <item>PNG: re-encoded losslessly at zlib level 9 with adaptive filtering.</item>
/// <item>GIF: re-encoded as GIF; every frame and its timing kept, frames re-optimised.</item>
/// <item>Animated WebP: every frame kept, each at quality 50.</item>
/// <item>Output is never larger than the input: when the re-encode is not smaller, the source bytes are stored unchanged
/// (then with their metadata, and with the source's quality reported as the output's).</item>
/// <item>A truncated JPEG (which ImageMagick would fill with grey and only warn about) fails as corrupt_image.</item>
/// </list>
/// APNG animation is not kept: ImageMagick decodes only the default image. The work is synchronous and CPU-bound; the
/// consumer's concurrency limit bounds how many run at once.
/// </summary>
public sealed class ImageCompressor
{
    // PNG "quality" is zlib level × 10 + filter: 95 = level 9, adaptive filtering; it is not visual quality
    private const uint PngMaximumCompression = 95;

    private readonly ImageWorkerOptions _options;

    public ImageCompressor(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        // the compressor is a singleton, so this runs once, before the first image is decoded
        MagickLimits.Apply(_options);
    }

    /// <summary>Compresses <paramref name="source"/> or throws <see cref="ImageFailureException"/> saying why it cannot.</summary>
    public CompressedImage Compress(ReadOnlyMemory<byte> source)
    {
        var format = ImageFormatDetector.Detect(source.Span)
            ?? throw new ImageFailureException(ImageFailureReasons.NotAnImage,
                source.IsEmpty ? "the response was empty." : "the content is not a JPEG, PNG, GIF or WebP image.");

        // pinned so ImageMagick never guesses: a guessed SVG or MVG could read local files or fetch URLs
        var settings = new MagickReadSettings { Format = format.MagickFormat };
        try
        {
            CheckDeclaredSize(source.Span, settings);
            using var frames = Decode(source.Span, settings);
            var sourceQuality = format.IsLossy ? (int)frames[0].Quality : 0;
            var outputQuality = format.IsLossy ? QualityRule.OutputQuality(sourceQuality) : 0;

            Normalise(frames);
            var encoded = Encode(frames, format, outputQuality);
            var (width, height, frameCount) = ((int)frames[0].Width, (int)frames[0].Height, frames.Count);

            return encoded.Length < source.Length
                ? new CompressedImage(encoded, format, width, height, frameCount, sourceQuality, outputQuality, KeptSource: false)
                : new CompressedImage(source, format, width, height, frameCount, sourceQuality, sourceQuality, KeptSource: true);
        }
        catch (MagickException ex)
        {
            throw MagickFailures.Classify(ex);
        }
    }

    // a header-only read (~1 ms) refuses a decompression bomb before any pixel memory is allocated
    private void CheckDeclaredSize(ReadOnlySpan<byte> source, MagickReadSettings settings)
    {
        var info = new MagickImageInfo();
        info.Read(source, settings);
        var pixels = (long)info.Width * info.Height;
        if (info.Width > _options.MaxImageWidth || info.Height > _options.MaxImageHeight || pixels > _options.MaxImagePixels)
        {
            throw new ImageFailureException(ImageFailureReasons.TooLarge,
                $"the image is {info.Width} × {info.Height} pixels; at most {_options.MaxImageWidth} × {_options.MaxImageHeight} " +
                $"and {_options.MaxImagePixels:N0} pixels are accepted (settings ImageWorker:MaxImageWidth, MaxImageHeight, MaxImagePixels).");
        }
    }

    private static MagickImageCollection Decode(ReadOnlySpan<byte> source, MagickReadSettings settings)
    {
        var frames = new MagickImageCollection();
        var truncated = false;
        frames.Warning += (_, warning) => truncated |= IsTruncation(warning);
        try
        {
            frames.Read(source, settings);
            if (truncated)
            {
                throw new ImageFailureException(ImageFailureReasons.CorruptImage,
                    "the image data ends early (a truncated file); only part of it could be decoded.");
            }
            if (frames.Count == 0)
            {
                throw new ImageFailureException(ImageFailureReasons.CorruptImage, "the image holds no frames.");
            }
            return frames;
        }
        catch
        {
            frames.Dispose();
            throw;
        }
    }

    // libjpeg's "Premature end of JPEG file" / "premature end of data segment"; other warnings (extraneous bytes,
    // odd markers) come with images that decode fine, so they do not fail the image
    private static bool IsTruncation(WarningEventArgs warning) =>
        warning.Exception is MagickCorruptImageWarningException
        && warning.Message.Contains("premature end", StringComparison.OrdinalIgnoreCase);

    private static void Normalise(MagickImageCollection frames)
    {
        if (frames.Count > 1)
        {
            // frames of an animation may be partial updates; make each whole before changing or re-optimising them
            frames.Coalesce();
        }
        foreach (var frame in frames)
        {
            frame.AutoOrient();
            ConvertToSrgb(frame);
            // after the conversion: Strip also drops the ICC profile, which would shift the colours of e.g. Adobe RGB
            frame.Strip();
        }
    }

    private static void ConvertToSrgb(IMagickImage<byte> frame)
    {
        if (frame.ColorSpace == ColorSpace.CMYK)
        {
            // an embedded profile wins; SWOP is only the assumption for a CMYK image without one
            frame.TransformColorSpace(ColorProfiles.USWebCoatedSWOP, ColorProfiles.SRGB);
            return;
        }
        var profile = frame.GetColorProfile();
        // a grey image's profile is not worth tripling its channels for
        if (profile is not null && profile.ColorSpace != ColorSpace.Gray)
        {
            frame.TransformColorSpace(ColorProfiles.SRGB);
        }
    }

    private static byte[] Encode(MagickImageCollection frames, ImageFormat format, int outputQuality)
    {
        foreach (var frame in frames)
        {
            if (format.IsLossy)
            {
                frame.Quality = (uint)outputQuality;
            }
            else if (format == ImageFormat.Png)
            {
                frame.Quality = PngMaximumCompression;
            }
        }
        if (format == ImageFormat.Gif && frames.Count > 1)
        {
            frames.Optimize();
            frames.OptimizeTransparency();
        }
        // set explicitly: under a tight memory limit ImageMagick silently drops Huffman optimisation (~25% larger files)
        return format == ImageFormat.Jpeg
            ? frames.ToByteArray(new JpegWriteDefines { OptimizeCoding = true })
            : frames.ToByteArray(format.MagickFormat);
    }
}
