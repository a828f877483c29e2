using System.Globalization;

namespace ImagePipeline.Outbound;

/// <summary>One <c>Fetch:AllowedHosts</c> entry: <c>host</c>, <c>host:port</c>, <c>::1</c> or <c>[::1]:port</c>.</summary>
public sealed record AllowedHost(string Host, int? Port)
{
    public static AllowedHost Parse(string entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry);
        var text = entry.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            var host = text[1..close];
            return text.Length > close + 2 && text[close + 1] == ':' ? new AllowedHost(host, ParsePort(text[(close + 2)..], entry)) : new AllowedHost(host, null);
        }
        var colons = text.Count(c => c == ':');
        return colons == 1
            ? new AllowedHost(text[..text.IndexOf(':', StringComparison.Ordinal)], ParsePort(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..], entry))
            : new AllowedHost(text, null);
    }

    public bool Matches(string host, int port) =>
        string.Equals(Host, host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) && (Port is null || Port == port);

    private static int ParsePort(string text, string entry) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"Fetch:AllowedHosts entry '{entry}' has an invalid port.");
}
