namespace ImagePipeline.Gateway.Uploads;

/// <summary>Where the gateway keeps who the caller is for the rest of the request.</summary>
public static class ClientIdentity
{
    /// <summary>HttpContext item holding the caller's API key identity, when API keys are in use.</summary>
    public const string ItemKey = "ImagePipeline.ClientIdentity";
}
