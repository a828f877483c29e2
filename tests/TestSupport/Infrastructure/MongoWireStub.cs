using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.TestSupport.Infrastructure;

/// <summary>
/// A loopback server that speaks just enough of MongoDB's wire protocol for the driver: it answers the handshake as a
/// standalone server, records every other command in the order it came (with its document sequences folded in, as
/// the server sees them) and answers each with <c>answer(command)</c>, or <c>{ ok: 1 }</c>. For unit tests of one class
/// that must see the exact commands it sends, or a server's refusal, where no MongoDB can run. Not a database: it stores
/// nothing and evaluates no filter.
/// </summary>
public sealed class MongoWireStub : IAsyncDisposable
{
    private const int OpReply = 1;
    private const int OpQuery = 2004;
    private const int OpMsg = 2013;

    private readonly Func<BsonDocument, BsonDocument?> _answer;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<BsonDocument> _commands = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _nextRequestId;

    public MongoWireStub(Func<BsonDocument, BsonDocument?>? answer = null)
    {
        _answer = answer ?? (_ => null);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>A connection string to this stub, one server, no discovery.</summary>
    public string ConnectionString => $"mongodb://127.0.0.1:{Port}/?directConnection=true";

    /// <summary>Every command but the handshake, in arrival order.</summary>
    public IReadOnlyList<BsonDocument> Commands => [.. _commands];

    /// <summary>The reply a server sends for a refused user (a wrong password).</summary>
    public static BsonDocument AuthenticationFailed { get; } =
        new() { { "ok", 0.0 }, { "errmsg", "Authentication failed." }, { "code", 18 }, { "codeName", "AuthenticationFailed" } };

    public static string NameOf(BsonDocument command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.GetElement(0).Name;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }
        await Task.WhenAll([_accepting, .. connections]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var header = new byte[16];
        while (!_stop.IsCancellationRequested)
        {
            await stream.ReadExactlyAsync(header, _stop.Token);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
            var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
            var body = new byte[length - 16];
            await stream.ReadExactlyAsync(body, _stop.Token);
            var reply = opCode switch
            {
                OpQuery => Reply(requestId, OpReply, Answer(QueryCommand(body))),
                OpMsg => Reply(requestId, OpMsg, Answer(MessageCommand(body))),
                _ => throw new InvalidOperationException($"Unexpected op code {opCode}."),
            };
            await stream.WriteAsync(reply, _stop.Token);
        }
    }

    private BsonDocument Answer(BsonDocument command)
    {
        if (NameOf(command) is "hello" or "isMaster" or "ismaster")
        {
            return new BsonDocument
            {
                { "helloOk", true }, { "ismaster", true }, { "isWritablePrimary", true },
                { "maxBsonObjectSize", 16 * 1024 * 1024 }, { "maxMessageSizeBytes", 48_000_000 }, { "maxWriteBatchSize", 100_000 },
                { "localTime", DateTime.UtcNow }, { "logicalSessionTimeoutMinutes", 30 }, { "connectionId", 1 },
                { "minWireVersion", 0 }, { "maxWireVersion", 21 }, { "readOnly", false }, { "ok", 1.0 },
            };
        }
        _commands.Enqueue(command);
        return _answer(command) ?? new BsonDocument("ok", 1.0);
    }

    // OP_QUERY: flags, the collection's C string, skip, return, then the command
    private static BsonDocument QueryCommand(byte[] body)
    {
        var nameEnd = Array.IndexOf(body, (byte)0, 4);
        return Document(body.AsSpan(nameEnd + 1 + 8), out _);
    }

    // OP_MSG: flags, then sections: kind 0 holds the command, kind 1 a named sequence of documents (a write's
    // updates, deletes or documents), which the server reads as an array field of the command
    private static BsonDocument MessageCommand(byte[] body)
    {
        BsonDocument? command = null;
        var sequences = new List<(string Name, BsonArray Documents)>();
        var at = 4;
        while (at < body.Length)
        {
            var kind = body[at++];
            if (kind == 0)
            {
                command = Document(body.AsSpan(at), out var length);
                at += length;
                continue;
            }
            var size = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(at));
            var end = at + size;
            var nameEnd = Array.IndexOf(body, (byte)0, at + 4);
            var documents = new BsonArray();
            sequences.Add((Encoding.UTF8.GetString(body, at + 4, nameEnd - at - 4), documents));
            for (var next = nameEnd + 1; next < end;)
            {
                documents.Add(Document(body.AsSpan(next), out var length));
                next += length;
            }
            at = end;
        }
        if (command is null)
        {
            throw new InvalidOperationException("A message without a body section.");
        }
        foreach (var (name, documents) in sequences)
        {
            command[name] = documents;
        }
        return command;
    }

    private static BsonDocument Document(ReadOnlySpan<byte> bytes, out int length)
    {
        length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        using var reader = new BsonBinaryReader(new MemoryStream(bytes[..length].ToArray()));
        return BsonSerializer.Deserialize<BsonDocument>(reader);
    }

    private byte[] Reply(int responseTo, int opCode, BsonDocument answer)
    {
        var document = answer.ToBson();
        // OP_REPLY: flags, cursor id, starting from, number returned; OP_MSG: flags, section kind 0
        var prefix = opCode == OpReply ? new byte[20] : new byte[5];
        if (opCode == OpReply)
        {
            BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(16), 1);
        }
        var reply = new byte[16 + prefix.Length + document.Length];
        BinaryPrimitives.WriteInt32LittleEndian(reply, reply.Length);
        BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(4), Interlocked.Increment(ref _nextRequestId));
        BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(8), responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(12), opCode);
        prefix.CopyTo(reply, 16);
        document.CopyTo(reply, 16 + prefix.Length);
        return reply;
    }
}
