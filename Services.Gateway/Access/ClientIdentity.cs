namespace ImagePipeline.Gateway.Access;

/// <summary>Where the gateway keeps who the caller is for the rest of the request.</summary>
public static class ClientIdentity
{
    /// <summary>HttpContext item holding the fingerprint of the caller's API key, when API keys are in use.</summary>
    public const string ItemKey = "ImagePipeline.ClientIdentity";

    /// <summary>The fingerprint of the caller's API key, or null when API keys are not in use.</summary>
    public static string? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as string;
    }
}
