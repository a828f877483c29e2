using System.Text.Json;

namespace ImagePipeline.AppHost.LocalRabbitMQ;

/// <summary>
/// Who the private RabbitMQ node is: its name and ports, kept in <c>rabbitmq/node.json</c> under the data directory so
/// every run starts the same node on the same data. The name must never change (the node's database is bound to it);
/// the ports may, without losing anything. <see cref="QuorumQueues"/> says which queue type the node's queues were
/// declared with (null in a file written before quorum queues: <see cref="LocalNodeDirectory"/> decides then).
/// </summary>
public sealed record LocalNodeIdentity(string NodeName, int AmqpPort, int DistributionPort, int EpmdPort, bool? QuorumQueues = null)
{
    public const string FileName = "node.json";

    /// <summary>The name a node gets in a data directory that has never had one.</summary>
    public const string DefaultNodeName = "imagepipeline@localhost";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The identity saved in <paramref name="path"/>, or null when there is none (first run, or an earlier version's directory).</summary>
    public static LocalNodeIdentity? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var identity = JsonSerializer.Deserialize<LocalNodeIdentity>(File.ReadAllText(path));
            return identity is { NodeName.Length: > 0 } ? identity : throw new JsonException("no node name");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"'{path}' does not hold the local RabbitMQ node's name and ports ({ex.Message}). Fix or delete it; deleting it " +
                "starts a new, empty node and leaves the old node's data unused.", ex);
        }
    }

    /// <summary>Writes the identity through a temporary file and a rename, so a crash never leaves half a file.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
