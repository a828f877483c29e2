namespace ImagePipeline.Storage;

/// <summary>Whether the start-up step has made every store's schema, and why not yet; read by <see cref="StoreSchemaHealthCheck"/>.</summary>
public sealed class StoreSchemaProgress
{
    private volatile bool _created;
    private volatile string? _lastFailure;

    /// <summary>True once every registered schema has been made.</summary>
    public bool Created => _created;

    /// <summary>The last failed attempt's schema and error, until the step succeeds.</summary>
    public string? LastFailure => _lastFailure;

    public void Failed(string schema, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _lastFailure = $"{schema}: {error.GetType().Name}: {error.Message}";
    }

    public void Done()
    {
        _lastFailure = null;
        _created = true;
    }
}
