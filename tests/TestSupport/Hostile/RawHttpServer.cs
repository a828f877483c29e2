using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImagePipeline.TestSupport.Hostile;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written straight onto sockets, so a test can answer the way no real server would:
/// a Content-Length that lies either way, a body that never ends or arrives a byte at a time, a reset halfway through.
/// Requests go to the handler whose route is the longest prefix of their path; every answer closes its connection.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 32 * 1024;
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Func<RawExchange, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RawRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;

    private RawHttpServer(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public IReadOnlyList<RawRequest> Requests => [.. _requests];

    public static RawHttpServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 512);
        return new RawHttpServer(listener);
    }

    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery.TrimStart('/')).ToString();

    /// <summary>Answers requests for <paramref name="route"/> (e.g. <c>/c/slow</c>) and anything below it with <paramref name="handler"/>.</summary>
    public void Map(string route, Func<RawExchange, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(route);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_routes.TryAdd(route, handler))
        {
            throw new InvalidOperationException($"The route {route} is already mapped.");
        }
    }

    /// <summary>Requests received for <paramref name="route"/> or below it.</summary>
    public IReadOnlyList<RawRequest> RequestsTo(string route) => [.. _requests.Where(r => IsUnder(r.Path, route))];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            // a handler that threw for a reason other than the client leaving surfaces here
            await Task.WhenAll([_acceptLoop, .. _connections.Keys]).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // a handler still stalling on a client that never hung up; its socket is closed with the process
        }
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var connection = ServeAsync(socket);
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(done => _connections.TryRemove(done, out var _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        using var clientGone = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var stream = new NetworkStream(socket, ownsSocket: true);
        RawExchange? exchange = null;
        try
        {
            var target = await ReadRequestTargetAsync(stream);
            if (target is null)
            {
                return;
            }
            var request = new RawRequest(target, DateTimeOffset.UtcNow);
            _requests.Enqueue(request);
            var route = _routes.Keys.Where(r => IsUnder(request.Path, r)).MaxBy(r => r.Length);
            _ = WatchForHangUpAsync(socket, clientGone);
            if (route is null)
            {
                exchange = new RawExchange(socket, stream, request, "", 1, clientGone.Token);
                await exchange.RespondAsync(404, "no such route"u8.ToArray(), "text/plain");
                return;
            }
            exchange = new RawExchange(socket, stream, request, route, _hits.AddOrUpdate(route, 1, (_, hits) => hits + 1), clientGone.Token);
            await _routes[route](exchange);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client hung up or gave up: that is what most of these answers are for
        }
        finally
        {
            if (exchange is not { WasReset: true })
            {
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                }
            }
            await stream.DisposeAsync();
            await clientGone.CancelAsync();
        }
    }

    // the request line's target; the rest of the head is read and ignored
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(HeadTimeout);
        var head = new MemoryStream();
        var buffer = new byte[4096];
        while (head.Length < MaxHeadBytes)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                return null;
            }
            head.Write(buffer, 0, read);
            var text = Encoding.ASCII.GetString(head.GetBuffer(), 0, (int)head.Length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var requestLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)].Split(' ');
                return requestLine.Length == 3 ? requestLine[1] : null;
            }
        }
        return null;
    }

    // a GET has no body, so anything the client's side does now is closing: a read returning 0 or failing
    private static async Task WatchForHangUpAsync(Socket socket, CancellationTokenSource clientGone)
    {
        var buffer = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, clientGone.Token) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        try
        {
            await clientGone.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static bool IsUnder(string path, string route) =>
        path == route || (path.StartsWith(route, StringComparison.Ordinal) && path.Length > route.Length && path[route.Length] == '/');
}
