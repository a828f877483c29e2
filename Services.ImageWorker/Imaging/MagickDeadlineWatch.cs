using ImageMagick;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// Stops ImageMagick's work on an image once its <see cref="CodecDeadline"/> is spent, through each frame's progress
/// monitor. ImageMagick copies a frame's monitor into every image it derives from it (Coalesce, Optimize), and that
/// monitor calls back into the managed frame that set it. When a collection step replaces its frames, the frames it drops
/// would become garbage while their derived images still call them, and a callback on a collected delegate ends the whole
/// process. So every frame ever watched is held until the encode is over, and the frames a step produces are watched
/// anew, so that they are the ones that answer.
/// </summary>
internal sealed class MagickDeadlineWatch(CodecDeadline deadline)
{
    private readonly HashSet<IMagickImage<byte>> _watched = new(ReferenceEqualityComparer.Instance);

    /// <summary>Watches every frame of <paramref name="frames"/> not watched yet; call it after each step that replaces frames.</summary>
    public void Watch(MagickImageCollection frames)
    {
        foreach (var frame in frames)
        {
            if (_watched.Add(frame))
            {
                // cancelling the monitor makes ImageMagick abandon the operation in progress
                frame.Progress += (_, progress) => progress.Cancel = deadline.IsExpired;
            }
        }
    }

    /// <summary>Ends the watch; call it after the last native call on the frames, so that none of them is collected before.</summary>
    public void End() => GC.KeepAlive(_watched);
}
