namespace ImagePipeline.Gateway.Access;

/// <summary>Who may call the API (section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Shortest API key accepted in the list: a short key can be guessed.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// The API keys callers send in <c>X-Api-Key</c>. Empty (the default, for local development): the API is open and
    /// every request is visible to everyone. Set: every <c>/api</c> call needs one, and a request is visible only to the
    /// key that created it.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];
}
