using System.Net;

namespace ImagePipeline.Notifier.Tests.Support;

/// <summary>Many <see cref="SilentReceiver"/>s, disposed together (declare them before the notifier, so it stops first).</summary>
public sealed class SilentReceivers(IReadOnlyList<SilentReceiver> all) : IAsyncDisposable
{
    public IReadOnlyList<SilentReceiver> All => all;

    public int Requests => all.Sum(receiver => receiver.Requests);

    public int ClosedBySender => all.Sum(receiver => receiver.ClosedBySender);

    public static SilentReceivers Start(IEnumerable<IPAddress> addresses) => new([.. addresses.Select(SilentReceiver.Start)]);

    public async ValueTask DisposeAsync()
    {
        foreach (var receiver in all)
        {
            await receiver.DisposeAsync();
        }
    }
}
