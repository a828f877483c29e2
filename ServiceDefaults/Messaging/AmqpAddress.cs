namespace ImagePipeline.ServiceDefaults.Messaging;

/// <summary>
/// The parts of an <c>amqp://user:password@host:port/vhost</c> connection string. A RabbitMQ cluster is named by listing
/// its nodes, comma-separated, where the one host goes: <c>amqp://user:password@host1:5672,host2:5672,host3/vhost</c>
/// (a node without a port takes 5672). The bus connects to the first node that answers, in that order, and to the next
/// when it loses one. One user, password and virtual host serve every node: a cluster shares them.
/// </summary>
public sealed record AmqpAddress(IReadOnlyList<AmqpNode> Nodes, string VirtualHost, string Username, string Password)
{
    public const ushort DefaultPort = 5672;

    /// <summary>The first node's host: the only one when the string names one broker.</summary>
    public string Host => Nodes[0].Host;

    /// <summary>The first node's port.</summary>
    public ushort Port => Nodes[0].Port;

    /// <summary>Whether the string names more than one node.</summary>
    public bool IsCluster => Nodes.Count > 1;

    public static AmqpAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? connectionString[..schemeEnd].ToLowerInvariant() : "";
        if (scheme is not ("amqp" or "amqps" or "rabbitmq"))
        {
            throw Invalid();
        }

        // scheme://[userinfo@]node[,node…][/vhost][?query]; the query (client options) is not ours to read
        var rest = connectionString[(schemeEnd + 3)..];
        var queryAt = rest.IndexOfAny(['?', '#']);
        if (queryAt >= 0)
        {
            rest = rest[..queryAt];
        }
        var pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathAt >= 0 ? rest[..pathAt] : rest;
        var path = pathAt >= 0 ? Uri.UnescapeDataString(rest[(pathAt + 1)..]) : "";
        var userAt = authority.LastIndexOf('@');
        var userInfo = (userAt >= 0 ? authority[..userAt] : "").Split(':', 2);
        var hosts = userAt >= 0 ? authority[(userAt + 1)..] : authority;

        var nodes = hosts.Split(',', StringSplitOptions.TrimEntries).Select(node => ParseNode(scheme, node)).ToArray();
        var username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest";
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        return new AmqpAddress(nodes, path.Length == 0 ? "/" : path, username, password);
    }

    // the connection string holds a password: no part of it goes into the message
    private static FormatException Invalid() =>
        new("The messaging connection string must be an amqp:// URI naming one broker or a comma-separated list of cluster nodes " +
            "(amqp://user:password@host1:5672,host2:5672/vhost).");

    private static AmqpNode ParseNode(string scheme, string node)
    {
        if (node.Length == 0 || !Uri.TryCreate($"{scheme}://{node}", UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0)
        {
            throw Invalid();
        }
        var port = uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : (ushort)uri.Port;
        return new AmqpNode(uri.Host.Trim('[', ']'), port);
    }

    public bool Equals(AmqpAddress? other) =>
        other is not null && Nodes.SequenceEqual(other.Nodes) && VirtualHost == other.VirtualHost
        && Username == other.Username && Password == other.Password;

    public override int GetHashCode() => HashCode.Combine(Nodes.Count, Host, Port, VirtualHost, Username);

    // a record prints every property: the password must stay out of logs
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Nodes = ").AppendJoin(',', Nodes).Append(", VirtualHost = ").Append(VirtualHost).Append(", Username = ").Append(Username);
        return true;
    }
}
