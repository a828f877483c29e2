namespace ImagePipeline.Ingest.Persistence;

/// <summary>
/// Which requests a list asks for: those of <paramref name="ClientId"/> (null: those uploaded without an API key),
/// optionally of one <paramref name="Status"/>, after <paramref name="Cursor"/> (from the previous page).
/// </summary>
public sealed record RequestQuery(string? ClientId, string? Status, RequestCursor? Cursor, int Limit);
