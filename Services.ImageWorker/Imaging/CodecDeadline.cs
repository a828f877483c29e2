using System.Diagnostics;
using ImagePipeline.Contracts;

namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The CPU budget of one image (<see cref="ImageWorkerOptions.MaxCodecTime"/>). Its token is cancelled when the budget
/// is spent; the engines hand it to their own hooks (ImageMagick's progress monitor) and check
/// it between stages, so an image past its budget fails as too_complex and its codec slot is freed.
/// </summary>
public sealed class CodecDeadline : IDisposable
{
    private readonly CancellationTokenSource _expiry;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public CodecDeadline(TimeSpan budget)
    {
        Budget = budget;
        _expiry = new CancellationTokenSource(budget);
    }

    public TimeSpan Budget { get; }

    public CancellationToken Token => _expiry.Token;

    public bool IsExpired => _expiry.IsCancellationRequested;

    /// <summary>Throws too_complex when the budget is spent.</summary>
    public void ThrowIfExpired()
    {
        if (IsExpired)
        {
            throw Exceeded();
        }
    }

    public ImageFailureException Exceeded(Exception? innerException = null) =>
        new(ImageFailureReasons.TooComplex,
            $"the image took more than {Budget.TotalSeconds:0.#} s to process and was stopped (setting ImageWorker:MaxCodecTime; " +
            $"stopped after {_clock.Elapsed.TotalSeconds:0.#} s).", innerException: innerException);

    public void Dispose() => _expiry.Dispose();
}
