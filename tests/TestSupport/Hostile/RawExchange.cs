using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImagePipeline.TestSupport.Hostile;

/// <summary>
/// One request on a <see cref="RawHttpServer"/> and the raw connection to answer it on: the handler writes whatever
/// bytes it likes — a truthful response or a lying one — and may reset the connection instead of closing it.
/// </summary>
public sealed class RawExchange
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    internal RawExchange(Socket socket, NetworkStream stream, RawRequest request, string route, int hit, CancellationToken aborted)
    {
        _socket = socket;
        _stream = stream;
        Request = request;
        Route = route;
        Hit = hit;
        Aborted = aborted;
    }

    public RawRequest Request { get; }

    /// <summary>The route prefix the request matched.</summary>
    public string Route { get; }

    /// <summary>What follows the route in the path, e.g. <c>/3</c> for <c>/c/chain/3</c>; empty for the route itself.</summary>
    public string Rest => Request.Path[Route.Length..];

    /// <summary>1 for the first request to this route, 2 for the second, …</summary>
    public int Hit { get; }

    /// <summary>Cancelled when the client hangs up or the server stops.</summary>
    public CancellationToken Aborted { get; }

    internal bool WasReset { get; private set; }

    /// <summary>The status line and headers (plus <c>Connection: close</c>); nothing is checked against the body that follows.</summary>
    public async Task WriteHeadAsync(int status, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("Connection: close\r\n\r\n");
        await WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes, Aborted);
        await _stream.FlushAsync(Aborted);
    }

    /// <summary>A complete, truthful response.</summary>
    public async Task RespondAsync(int status, byte[] body, string? contentType = null, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        var all = new List<(string, string)>(headers) { ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)) };
        if (contentType is not null)
        {
            all.Add(("Content-Type", contentType));
        }
        await WriteHeadAsync(status, [.. all]);
        await WriteAsync(body);
    }

    public Task RedirectAsync(string location, int status = 302) =>
        RespondAsync(status, [], null, ("Location", location));

    /// <summary>Waits until the client gives up (or <paramref name="atMost"/> passes), sending nothing.</summary>
    public async Task StallAsync(TimeSpan atMost)
    {
        try
        {
            await Task.Delay(atMost, Aborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Drops the connection with a TCP reset instead of a clean close.</summary>
    public void Reset()
    {
        WasReset = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
