using System.Net.Sockets;
using System.Text;

namespace ImagePipeline.Gateway.Tests.Support;

/// <summary>
/// Sends hand-written HTTP/1.1 to a loopback server, for requests HttpClient will not produce (an empty header value,
/// a GET with a chunked body), and returns the status code of the answer.
/// </summary>
internal static class RawHttp
{
    public static async Task<int> SendAsync(Uri server, string request)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsLoopback)
        {
            throw new ArgumentException("Tests talk to loopback only.", nameof(server));
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ReplaceLineEndings("\r\n")), timeout.Token);

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(timeout.Token) ?? throw new IOException("The server closed the connection without answering.");
        // "HTTP/1.1 400 Bad Request"
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
