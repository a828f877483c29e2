using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace ImagePipeline.Benchmarks.Pipeline;

/// <summary>
/// The latest snapshot of every resource instance the AppHost runs (each replica is its own instance), kept up to date
/// from the AppHost's notifications; the process IDs of the services come from here.
/// </summary>
public sealed class ResourceWatch : IAsyncDisposable
{
    /// <summary>The snapshot property holding the OS process ID of an executable or project instance.</summary>
    public const string ProcessIdProperty = "executable.pid";

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    public ResourceWatch(ResourceNotificationService notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        _watch = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in notifications.WatchAsync(_stop.Token))
                {
                    _latest[change.ResourceId] = change;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>The instances of resource <paramref name="name"/> (one, or one per replica).</summary>
    public IReadOnlyList<ResourceEvent> Instances(string name) =>
        [.. _latest.Values.Where(e => e.Resource.Name == name).OrderBy(e => e.ResourceId, StringComparer.Ordinal)];

    /// <summary>The launcher process of every instance of <paramref name="name"/> that has one.</summary>
    public IReadOnlyList<int> LauncherProcessIds(string name) =>
        [.. Instances(name)
            .Select(e => e.Snapshot.Properties.FirstOrDefault(p => p.Name == ProcessIdProperty)?.Value)
            .Where(value => value is not null)
            .Select(value => Convert.ToInt32(value, CultureInfo.InvariantCulture))];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
