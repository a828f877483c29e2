namespace ImagePipeline.TestSupport.Http;

/// <summary>A request a <see cref="LoopbackServer"/> received, as the test inspects it afterwards.</summary>
public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
