namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>The parts of an <c>amqp://user:password@host:port/vhost</c> connection string.</summary>
public sealed record AmqpAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public static AmqpAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            throw new FormatException("The messaging connection string must be an amqp:// URI.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (ushort)5672 : (ushort)uri.Port;
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new AmqpAddress(uri.Host, port, path.Length == 0 ? "/" : path, username, password);
    }
}
