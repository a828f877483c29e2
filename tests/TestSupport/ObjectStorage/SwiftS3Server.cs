using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;
using ImagePipeline.Storage.Files;

namespace ImagePipeline.TestSupport.ObjectStorage;

/// <summary>
/// A real S3 API for tests: OpenStack Swift from Debian's packages (account, container, object and proxy servers with
/// the <c>s3api</c> middleware, plus memcached for its auth tokens), in a private temporary directory on free ports
/// of one address. Ready in about two seconds. Disposing stops every process it started and deletes the directory;
/// a failed start does the same before it throws.
/// </summary>
public sealed class SwiftS3Server : IAsyncDisposable
{
    public const string ProxyServerPath = "/usr/bin/swift-proxy-server";
    public const string MemcachedPath = "/usr/bin/memcached";

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly List<OwnedProcess> _processes = [];
    private readonly SwiftConfiguration _configuration;
    private readonly SwiftS3ServerOptions _options;

    private SwiftS3Server(SwiftConfiguration configuration, SwiftS3ServerOptions options)
    {
        _configuration = configuration;
        _options = options;
    }

    /// <summary>The S3 endpoint (path-style addressing, region <see cref="Region"/>).</summary>
    public Uri Endpoint => new($"http://{_configuration.Address}:{_configuration.ProxyPort}/");

    public string AccessKey => SwiftConfiguration.AccessKey;

    public string SecretKey => SwiftConfiguration.SecretKey;

    public string Region => SwiftConfiguration.Region;

    /// <summary>The private directory holding the configuration, the data and every server's log.</summary>
    public string Directory => _configuration.Root;

    /// <summary>The process IDs of every server still running, for tests that check nothing outlives them.</summary>
    public IReadOnlyList<int> ProcessIds => [.. _processes.Where(process => !process.HasExited).Select(process => process.Id)];

    /// <summary>Null when Swift and memcached are installed, else what to install (see <c>RequiredInfrastructure</c>).</summary>
    public static string? MissingPackages() =>
        File.Exists(ProxyServerPath) && File.Exists(MemcachedPath)
            ? null
            : "OpenStack Swift or memcached is not installed: 'apt-get install -y --no-install-recommends swift swift-proxy swift-account swift-container swift-object python3-swift memcached' to run this test.";

    public static async Task<SwiftS3Server> StartAsync(SwiftS3ServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SwiftS3ServerOptions();
        var address = IPAddress.Parse(options.BindAddress);
        var ports = FreeTcpPorts.Take(address, 5, probe: options.LaunchPrefix.Count == 0);
        var root = System.IO.Directory.CreateTempSubdirectory("imagepipeline-swift-").FullName;
        var configuration = new SwiftConfiguration(root, options.BindAddress, ports[0], ports[1], ports[2], ports[3], ports[4]);
        var server = new SwiftS3Server(configuration, options);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            await server.RunAsync(deadline.Token);
            return server;
        }
        catch (Exception ex)
        {
            var logs = server.LogTails();
            await server.DisposeAsync();
            throw new InvalidOperationException($"Swift did not start at {options.BindAddress} in {root}: {ex.Message}\n{logs}", ex);
        }
    }

    /// <summary><c>ConnectionStrings:files</c> for <paramref name="bucket"/> on this server.</summary>
    public string ConnectionString(string bucket) => $"s3://{bucket}?endpoint={Endpoint.AbsoluteUri.TrimEnd('/')}&region={Region}&forcePathStyle=true";

    public S3BucketAddress Location(string bucket) => new(bucket, Endpoint, Region, ForcePathStyle: true);

    /// <summary>A client configured the way the services configure theirs.</summary>
    public AmazonS3Client CreateClient() => S3Clients.Create(Location("unused"), AccessKey, SecretKey);

    /// <summary>Creates a fresh bucket and returns its name.</summary>
    public async Task<string> CreateBucketAsync(string prefix = "files", CancellationToken cancellationToken = default)
    {
        var bucket = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        return bucket;
    }

    public async ValueTask DisposeAsync()
    {
        // the proxy first, memcached last: nothing is left calling a server that is gone
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
        _processes.Clear();
        try
        {
            System.IO.Directory.Delete(_configuration.Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        _configuration.Write();
        foreach (var command in _configuration.RingCommands())
        {
            await RunToEndAsync(command, cancellationToken);
        }

        string[] memcached = [MemcachedPath, "-l", _configuration.Address, "-p", Port(_configuration.MemcachedPort), "-U", "0", "-m", "16"];
        Launch("memcached", Environment.UserName == "root" ? [.. memcached, "-u", "root"] : memcached);
        foreach (var (server, _) in _configuration.StorageServers)
        {
            Launch(server, [$"/usr/bin/swift-{server}-server", _configuration.ConfigOf(server)]);
        }
        Launch("proxy", [ProxyServerPath, _configuration.ConfigOf("proxy")]);

        foreach (var (_, port) in _configuration.StorageServers)
        {
            await WaitForListenerAsync(port, cancellationToken);
        }
        await WaitForS3Async(cancellationToken);
    }

    private void Launch(string name, IReadOnlyList<string> command) =>
        _processes.Add(OwnedProcess.Start(_options.LaunchPrefix, command, Path.Combine(_configuration.Root, $"{name}.log")));

    private async Task RunToEndAsync(string[] command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = _configuration.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {command[0]}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // a start cut short leaves nothing running
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private async Task WaitForListenerAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfAnyExited();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(_configuration.Address, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    // the proxy answers before tempauth can reach memcached and the account server: wait for a signed S3 call
    private async Task WaitForS3Async(CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        while (true)
        {
            ThrowIfAnyExited();
            try
            {
                await client.ListBucketsAsync(new ListBucketsRequest(), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is AmazonS3Exception or HttpRequestException || (ex is Amazon.Runtime.AmazonServiceException && !cancellationToken.IsCancellationRequested))
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private void ThrowIfAnyExited()
    {
        if (_processes.FirstOrDefault(process => process.HasExited) is { } exited)
        {
            throw new InvalidOperationException($"{Path.GetFileNameWithoutExtension(exited.LogPath)} exited during start.");
        }
    }

    private string LogTails() => string.Join('\n', _processes.Select(process => $"--- {Path.GetFileName(process.LogPath)}\n{process.LogTail()}"));

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
