using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ImagePipeline.TestSupport.Hosting;

/// <summary>
/// How a test hosts a service's real Program (<see cref="ServiceApp{TProgram}"/>): its settings, read as the process
/// reads its configuration, and the few services a test replaces after the production registrations ran. Anything not
/// replaced here is exactly what production registers.
/// </summary>
public sealed class ServiceHosting
{
    /// <summary>Never dialled: the in-memory test harness replaces the RabbitMQ transport.</summary>
    public const string UnusedBroker = "amqp://guest:guest@127.0.0.1:1/";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:messaging"] = UnusedBroker,
    };

    private readonly List<Action<IServiceCollection>> _overrides = [];

    internal IReadOnlyDictionary<string, string?> Settings => _settings;

    internal IReadOnlyList<Action<IServiceCollection>> Overrides => _overrides;

    /// <summary>Set by <see cref="UseKestrel"/>: the app serves on Kestrel, configured by this, not on the in-memory test server.</summary>
    internal Action<KestrelServerOptions>? Kestrel { get; private set; }

    /// <summary>The harness's own give-up times; tests bound their waits themselves (HarnessLists), these only end a hung bus.</summary>
    public TimeSpan HarnessTestTimeout { get; private set; } = TimeSpan.FromMinutes(1);

    public TimeSpan HarnessInactivityTimeout { get; private set; } = TimeSpan.FromSeconds(10);

    public ServiceHosting Set(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Settings in configuration form (<c>Section:Key</c>); later ones win.</summary>
    public ServiceHosting Set(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
        return this;
    }

    /// <summary>
    /// Every public read-write property of <paramref name="options"/> as <c>{section}:{Property}</c>, so the service binds
    /// and validates a test's options object as it would the same values from its configuration.
    /// </summary>
    public ServiceHosting SetOptions(string section, object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var property in options.GetType().GetProperties().Where(p => p is { CanRead: true, CanWrite: true }))
        {
            var value = property.GetValue(options);
            if (value is null || value is System.Collections.IEnumerable and not string)
            {
                continue;
            }
            _settings[$"{section}:{property.Name}"] = value switch
            {
                TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
        return this;
    }

    /// <summary>The service's clock; it replaces the <see cref="TimeProvider"/> production registers.</summary>
    public ServiceHosting UseTime(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Replace(time);
    }

    /// <summary>Replaces every registration of <typeparamref name="TService"/> with <paramref name="instance"/>.</summary>
    public ServiceHosting Replace<TService>(TService instance) where TService : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        _overrides.Add(services =>
        {
            services.RemoveAll<TService>();
            services.AddSingleton(instance);
        });
        return this;
    }

    /// <summary>
    /// Wraps the service production registers for <typeparamref name="TService"/> (its last registration, however it was
    /// made): the app resolves <paramref name="wrap"/>'s result, which can observe or delay the real one.
    /// </summary>
    public ServiceHosting Decorate<TService>(Func<TService, TService> wrap) where TService : class
    {
        ArgumentNullException.ThrowIfNull(wrap);
        _overrides.Add(services =>
        {
            var original = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
                ?? throw new InvalidOperationException($"The service registers no {typeof(TService).Name} to decorate.");
            services.Remove(original);
            services.Add(ServiceDescriptor.Describe(typeof(TService), provider => wrap((TService)Resolve(original, provider)), original.Lifetime));
        });
        return this;
    }

    /// <summary>
    /// Leaves out one of the service's hosted services (a timer-driven sweep, say) whose passes the test runs itself,
    /// so nothing acts behind the test's back.
    /// </summary>
    public ServiceHosting WithoutHostedService<THostedService>() where THostedService : IHostedService
    {
        _overrides.Add(services =>
        {
            var hosted = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(THostedService)).ToList();
            if (hosted.Count == 0)
            {
                throw new InvalidOperationException($"The service runs no {typeof(THostedService).Name}.");
            }
            hosted.ForEach(d => services.Remove(d));
        });
        return this;
    }

    /// <summary>Any other change, made after the production registrations and the harness.</summary>
    public ServiceHosting ConfigureServices(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _overrides.Add(configure);
        return this;
    }

    /// <summary>
    /// Serves on a real Kestrel server (its listeners as <paramref name="configure"/> sets them) instead of the in-memory
    /// test server, for a test of what only the real server does: its body limits and body detection, requests
    /// HttpClient will not send. The test reads the bound address from the app's <c>IServer</c>.
    /// </summary>
    public ServiceHosting UseKestrel(Action<KestrelServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Kestrel = configure;
        return this;
    }

    public ServiceHosting HarnessTimeouts(TimeSpan testTimeout, TimeSpan inactivityTimeout)
    {
        HarnessTestTimeout = testTimeout;
        HarnessInactivityTimeout = inactivityTimeout;
        return this;
    }

    private static object Resolve(ServiceDescriptor descriptor, IServiceProvider provider) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
