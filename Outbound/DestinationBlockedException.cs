namespace ImagePipeline.Outbound;

/// <summary>A fetch was refused because its destination is not allowed (see <see cref="FetchOptions"/>).</summary>
public sealed class DestinationBlockedException(string message) : IOException(message);
