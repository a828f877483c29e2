using System.Runtime.InteropServices;
using ImagePipeline.Contracts;
using Microsoft.Extensions.Options;
using NetVips;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The libvips engine. The loader is pinned to the detected format and opened lazily, so the declared size (and frame
/// count) is checked from the header before any pixel is decoded; a truncated file fails as corrupt_image. Every image
/// is auto-oriented, converted to sRGB (CMYK through libvips' built-in CMYK profile when it has none of its own) and
/// written with no metadata. Then:
/// <list type="bullet">
/// <item>JPEG: at <see cref="QualityRule.OutputQuality"/> of the source's estimated quality (<see cref="JpegQuality"/>),
/// optimised Huffman coding, baseline, with the source's chroma subsampling (4:4:4 stays 4:4:4, anything else 4:2:0).</item>
/// <item>WebP (still or animated, every frame and its timing kept): at quality 50, the source's being unknown.</item>
/// <item>PNG: <see cref="PngRule"/>.</item>
/// <item>GIF (every frame and its timing kept): re-encoded with its own palette reused, so losslessly; what shrinks is
/// the encoding (frame differences, LZW), not the colours.</item>
/// </list>
/// The time budget is checked between stages here; <see cref="ImageCompressor"/> stops waiting at the deadline and
/// frees the slot. libvips' kill flag (NetVips' progress hook) is not used: with it, the test host crashed twice in
/// 2026-12 ("Process terminated" after "error in tile" from a killed image), so a killed evaluation is not trusted yet.
/// </summary>
public sealed class VipsImageCodec : IImageCodec
{
    private const int WebPEffort = 4;
    private const int GifEffort = 7;

    private readonly ImageWorkerOptions _options;
    private readonly PreviewEncoder? _previews;

    public VipsImageCodec(IOptions<ImageWorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _previews = PreviewEncoder.For(_options);
    }

    public ImageCodecEngine Engine => ImageCodecEngine.Vips;

    public EncodedImage Encode(ReadOnlyMemory<byte> source, ImageFormat format, CodecDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(deadline);
        var buffer = AsArray(source);
        try
        {
            using var header = Load(buffer, format, Enums.Access.Sequential);
            var frames = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            var frameHeight = frames > 1 ? header.PageHeight : header.Height;
            DeclaredSize.Check(header.Width, frameHeight, frames, _options);

            var sourceQuality = format == ImageFormat.Jpeg ? JpegQuality.Estimate(source.Span) : 0;
            var outputQuality = format.IsLossy ? QualityRule.OutputQuality(sourceQuality) : 0;
            // turning by 90° reads the image out of order, which a sequential load cannot serve
            using var decoded = NeedsRotation(header) ? Load(buffer, format, Enums.Access.Random) : header.Copy();
            using var normalised = Normalise(decoded);
            // a still image's decoded pixels are kept once in memory, so its preview is made from them rather than from
            // a second decode (an animation's preview is its first frame: PreviewWriter decodes that alone)
            using var pixels = _previews is not null && frames == 1 ? normalised.CopyMemory() : null;

            var content = Write(pixels ?? normalised, inMemory: pixels is not null, header, format, outputQuality, source.Length, deadline);
            deadline.ThrowIfExpired();
            var height = frames > 1 ? normalised.PageHeight : normalised.Height;
            return new EncodedImage(content, normalised.Width, height, frames, sourceQuality, outputQuality)
            {
                SourcePreview = pixels is null ? null : _previews!.Encode(pixels),
            };
        }
        catch (VipsException ex) when (deadline.IsExpired)
        {
            throw deadline.Exceeded(ex);
        }
        catch (VipsException ex)
        {
            throw VipsFailures.Classify(ex);
        }
        catch (ImageMagick.MagickException ex)
        {
            // the quality estimate's header read: libvips opened the header, ImageMagick could not
            throw MagickFailures.Classify(ex);
        }
    }

    private byte[] Write(Image image, bool inMemory, Image header, ImageFormat format, int outputQuality, long sourceLength, CodecDeadline deadline)
    {
        if (format == ImageFormat.Jpeg)
        {
            var fullChroma = header.Contains("jpeg-chroma-subsample") && (string)header.Get("jpeg-chroma-subsample") == "4:4:4";
            return image.JpegsaveBuffer(q: outputQuality, optimizeCoding: true,
                subsampleMode: fullChroma ? Enums.ForeignSubsample.Off : Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
        }
        if (format == ImageFormat.WebP)
        {
            return image.WebpsaveBuffer(q: outputQuality, effort: WebPEffort, keep: Enums.ForeignKeep.None);
        }
        if (format == ImageFormat.Gif)
        {
            return image.GifsaveBuffer(effort: GifEffort, reuse: true, keep: Enums.ForeignKeep.None);
        }
        // the rule encodes the same pixels up to five times (two palettes, their checks, lossless): decode them once
        using var pixels = inMemory ? image.Copy() : image.CopyMemory();
        deadline.ThrowIfExpired();
        return PngRule.Encode(pixels, sourceLength, _options, deadline);
    }

    private static Image Load(byte[] buffer, ImageFormat format, Enums.Access access)
    {
        // memory: a random-access load of a large image would otherwise decode to a temporary file
        var memory = access == Enums.Access.Random;
        var image = format.Name switch
        {
            "jpeg" => Image.JpegloadBuffer(buffer, memory: memory, access: access, failOn: Enums.FailOn.Truncated),
            "png" => Image.PngloadBuffer(buffer, memory: memory, access: access, failOn: Enums.FailOn.Truncated),
            "gif" => Image.GifloadBuffer(buffer, n: -1, memory: memory, access: access, failOn: Enums.FailOn.Truncated),
            "webp" => Image.WebploadBuffer(buffer, n: -1, memory: memory, access: access, failOn: Enums.FailOn.Truncated),
            _ => throw new ImageFailureException(ImageFailureReasons.UnsupportedFormat, $"{format} is not decoded."),
        };
        return image;
    }

    private static bool NeedsRotation(Image image) =>
        image.Contains("orientation") && (int)image.Get("orientation") is > 1 and <= 8;

    private static Image Normalise(Image image)
    {
        using var oriented = NeedsRotation(image) ? image.Autorot() : image.Copy();
        if (oriented.Interpretation == Enums.Interpretation.Cmyk)
        {
            // an embedded profile wins; libvips' built-in CMYK profile is only the assumption for one without
            return oriented.IccTransform("srgb", embedded: true, inputProfile: "cmyk", intent: Enums.Intent.Perceptual);
        }
        // a grey image's profile is not worth tripling its channels for
        var isGrey = oriented.Interpretation is Enums.Interpretation.Bw or Enums.Interpretation.Grey16;
        if (oriented.Contains("icc-profile-data") && !isGrey)
        {
            return oriented.IccTransform("srgb", embedded: true, intent: Enums.Intent.Perceptual);
        }
        return oriented.Copy();
    }

    // the loaders take an array; a slice of one (the downloader's buffer) is copied rather than read past its end
    internal static byte[] AsArray(ReadOnlyMemory<byte> source) =>
        MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : source.ToArray();
}
