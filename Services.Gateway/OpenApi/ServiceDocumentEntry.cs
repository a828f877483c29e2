using System.Text.Json.Nodes;

namespace ImagePipeline.Gateway.OpenApi;

/// <summary>What <see cref="ServiceDocumentCache"/> holds for one service; written only under <see cref="Gate"/>.</summary>
internal sealed class ServiceDocumentEntry
{
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public JsonObject? Document { get; set; }
    public string? Failure { get; set; }
    public DateTimeOffset NextFetch { get; set; } = DateTimeOffset.MinValue;

    // callers edit what they get (they merge it); the cached copy stays as fetched
    public ServiceDocument Snapshot(string service) => new(service, Document?.DeepClone().AsObject(), Failure);
}
