namespace ImagePipeline.ImageWorker.Imaging;

/// <summary>
/// The progress sink NetVips' kill hook needs: libvips reports progress from its evaluation loop, and NetVips sets the
/// image's kill flag there once the token is cancelled. The percentages themselves are of no use to us.
/// </summary>
internal sealed class KillOnExpiry : IProgress<int>
{
    public static readonly KillOnExpiry Instance = new();

    public void Report(int value)
    {
    }
}
