using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace ImagePipeline.AppHost.Tests;

/// <summary>
/// A loopback server that speaks just enough of MongoDB's wire protocol to answer the driver's handshake and then refuse
/// every authentication as a real server does for a wrong password (code 18, AuthenticationFailed): the health check's
/// view of a data volume kept with another password, without a MongoDB (none can run here).
/// </summary>
public sealed class RefusingMongoServer : IAsyncDisposable
{
    private const int OpReply = 1;
    private const int OpQuery = 2004;
    private const int OpMsg = 2013;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _nextRequestId;
    private int _authenticationAttempts;

    public RefusingMongoServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>How many times a client tried to authenticate (and was refused).</summary>
    public int AuthenticationAttempts => Volatile.Read(ref _authenticationAttempts);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_accepting, .. Connections()]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private Task[] Connections()
    {
        lock (_connections)
        {
            return [.. _connections];
        }
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
        var name = command.GetElement(0).Name;
        if (name is "hello" or "isMaster" or "ismaster")
        {
            return new BsonDocument
            {
                { "helloOk", true }, { "ismaster", true }, { "isWritablePrimary", true },
                { "maxBsonObjectSize", 16 * 1024 * 1024 }, { "maxMessageSizeBytes", 48_000_000 }, { "maxWriteBatchSize", 100_000 },
                { "localTime", DateTime.UtcNow }, { "logicalSessionTimeoutMinutes", 30 }, { "connectionId", 1 },
                { "minWireVersion", 0 }, { "maxWireVersion", 21 }, { "readOnly", false }, { "ok", 1.0 },
            };
        }
        if (name is "saslStart" or "saslContinue" or "authenticate")
        {
            Interlocked.Increment(ref _authenticationAttempts);
            return new BsonDocument { { "ok", 0.0 }, { "errmsg", "Authentication failed." }, { "code", 18 }, { "codeName", "AuthenticationFailed" } };
        }
        // nothing else can arrive before a successful authentication
        return new BsonDocument { { "ok", 0.0 }, { "errmsg", $"command {name} requires authentication" }, { "code", 13 }, { "codeName", "Unauthorized" } };
    }

    // OP_QUERY: flags, the collection's C string, skip, return, then the command
    private static BsonDocument QueryCommand(byte[] body)
    {
        var nameEnd = Array.IndexOf(body, (byte)0, 4);
        return Document(body.AsSpan(nameEnd + 1 + 8));
    }

    // OP_MSG: flags, then a body section (kind 0) holding the command
    private static BsonDocument MessageCommand(byte[] body) =>
        body[4] == 0 ? Document(body.AsSpan(5)) : throw new InvalidOperationException("Expected the body section first.");

    private static BsonDocument Document(ReadOnlySpan<byte> bytes)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
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
