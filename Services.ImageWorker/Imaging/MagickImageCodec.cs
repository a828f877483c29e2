using ImageMagick;
using ImageMagick.Formats;
using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The ImageMagick engine. Every image is auto-oriented, converted to sRGB when it is CMYK or carries a colour profile,
/// and stripped of metadata. Then:
/// <list type="bullet">
/// <item>JPEG, WebP: re-encoded at <see cref="QualityRule.OutputQuality"/> of the source's estimated quality (WebP's is
/// unknown to ImageMagick, so 50); JPEG keeps Huffman optimisation on and the source's chroma subsampling.</item>
/// <item>PNG: re-encoded losslessly at <see cref="PngLosslessQuality"/> (ImageMagick has no quantiser comparable to
/// libimagequant, so this engine never makes a palette).</item>
/// <item>GIF: re-encoded as GIF; every frame and its timing kept, frames re-optimised.</item>
/// <item>Animated WebP: every frame kept, each at quality 50.</item>
/// <item>A truncated JPEG (which ImageMagick would fill with grey and only warn about) fails as corrupt_image.</item>
/// </list>
/// The time budget is enforced through ImageMagick's progress monitor, which runs during pixel operations and encoding
/// (where the slow PNG work is); the decode itself reports no progress, and is bounded by the pixel limits.
/// APNG animation is not kept: ImageMagick decodes only the default image.
/// </summary>
public sealed class MagickImageCodec : IImageCodec
{
    // PNG "quality" is zlib level × 10 + filter: 65 = level 6, adaptive filtering. Level 9 costs several times the CPU
    // for a percent or two on photographs (92 s for one 5120 × 2880 photo); it is not visual quality
    private const uint PngLosslessQuality = 65;

    private readonly ImageWorkerOptions _options;

    public MagickImageCodec(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public ImageCodecEngine Engine => ImageCodecEngine.Magick;

    public EncodedImage Encode(ReadOnlyMemory<byte> source, ImageFormat format, CodecDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(deadline);

        // pinned so ImageMagick never guesses: a guessed SVG or MVG could read local files or fetch URLs
        var settings = new MagickReadSettings { Format = format.MagickFormat };
        var watch = new MagickDeadlineWatch(deadline);
        try
        {
            CheckDeclaredSize(source.Span, settings);
            using var frames = Decode(source.Span, settings);
            deadline.ThrowIfExpired();
            watch.Watch(frames);
            var sourceQuality = format.IsLossy ? (int)frames[0].Quality : 0;
            var outputQuality = format.IsLossy ? QualityRule.OutputQuality(sourceQuality) : 0;

            Normalise(frames, watch);
            deadline.ThrowIfExpired();
            var encoded = Write(frames, format, outputQuality, watch);
            deadline.ThrowIfExpired();
            return new EncodedImage(encoded, (int)frames[0].Width, (int)frames[0].Height, frames.Count, sourceQuality, outputQuality);
        }
        catch (MagickException ex) when (deadline.IsExpired)
        {
            throw deadline.Exceeded(ex);
        }
        catch (MagickException ex)
        {
            throw MagickFailures.Classify(ex);
        }
        finally
        {
            watch.End();
        }
    }

    // a header-only read (~1 ms) refuses a decompression bomb before any pixel memory is allocated
    private void CheckDeclaredSize(ReadOnlySpan<byte> source, MagickReadSettings settings)
    {
        var info = new MagickImageInfo();
        info.Read(source, settings);
        DeclaredSize.Check(info.Width, info.Height, frames: 1, _options);
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

    private static void Normalise(MagickImageCollection frames, MagickDeadlineWatch watch)
    {
        if (frames.Count > 1)
        {
            // frames of an animation may be partial updates; make each whole before changing or re-optimising them
            frames.Coalesce();
            watch.Watch(frames);
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

    private static byte[] Write(MagickImageCollection frames, ImageFormat format, int outputQuality, MagickDeadlineWatch watch)
    {
        foreach (var frame in frames)
        {
            if (format.IsLossy)
            {
                frame.Quality = (uint)outputQuality;
            }
            else if (format == ImageFormat.Png)
            {
                frame.Quality = PngLosslessQuality;
            }
        }
        if (format == ImageFormat.Gif && frames.Count > 1)
        {
            frames.Optimize();
            watch.Watch(frames);
            frames.OptimizeTransparency();
        }
        // set explicitly: under a tight memory limit ImageMagick silently drops Huffman optimisation (~25% larger files).
        // ImageMagick keeps the source's chroma subsampling by itself
        return format == ImageFormat.Jpeg
            ? frames.ToByteArray(new JpegWriteDefines { OptimizeCoding = true })
            : frames.ToByteArray(format.MagickFormat);
    }
}
