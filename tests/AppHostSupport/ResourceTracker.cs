using System.Collections.Concurrent;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ImagePipeline.AppHostSupport;

/// <summary>
/// The latest snapshot of every resource instance the AppHost runs (replicas each have their own, e.g.
/// <c>imageworker-abcd1234</c>), kept up to date from <see cref="ResourceNotificationService.WatchAsync"/>.
/// </summary>
public sealed class ResourceTracker : IAsyncDisposable
{
    /// <summary>The snapshot property holding the OS process ID of an executable or project instance.</summary>
    public const string ProcessIdProperty = "executable.pid";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;

    public ResourceTracker(ResourceNotificationService notifications)
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

    /// <summary>The instances of resource <paramref name="name"/> (one, or one per replica), by their unique ID.</summary>
    public IReadOnlyList<ResourceEvent> Instances(string name) =>
        [.. _latest.Values.Where(e => e.Resource.Name == name).OrderBy(e => e.ResourceId, StringComparer.Ordinal)];

    public ResourceEvent? Latest(string resourceId) => _latest.GetValueOrDefault(resourceId);

    /// <summary>The launcher process of every instance of <paramref name="name"/> that has one.</summary>
    public IReadOnlyList<int> LauncherProcessIds(string name) =>
        [.. Instances(name).Select(ProcessId).OfType<int>()];

    public static int? ProcessId(ResourceEvent resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ProcessId(resource.Snapshot);
    }

    public static int? ProcessId(CustomResourceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var value = snapshot.Properties.FirstOrDefault(p => p.Name == ProcessIdProperty)?.Value;
        return value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    public static bool IsRunningAndHealthy(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running
        && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    public static bool IsStopped(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);

    /// <summary>Waits until instance <paramref name="resourceId"/>'s snapshot satisfies <paramref name="condition"/>.</summary>
    public async Task<ResourceEvent> WaitAsync(string resourceId, Func<CustomResourceSnapshot, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Latest(resourceId) is { } current && condition(current.Snapshot))
            {
                return current;
            }
            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var state = Latest(resourceId)?.Snapshot;
                throw new TimeoutException(
                    $"{resourceId} did not become {what} within {timeout.TotalSeconds:0} s; it is {state?.State?.Text ?? "unknown"} / {state?.HealthStatus?.ToString() ?? "no health"}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
