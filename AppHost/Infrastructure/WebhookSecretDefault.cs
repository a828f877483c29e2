using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace ImagePipeline.AppHost.Infrastructure;

/// <summary>
/// Generates a Standard Webhooks signing secret (<c>whsec_</c> + base64 of 32 random bytes) when the
/// <c>webhook-signing-secret</c> parameter is not given.
/// </summary>
public sealed class WebhookSecretDefault : ParameterDefault
{
    public const string Prefix = "whsec_";

    private string? _value;

    public override string GetDefaultValue() => _value ??= Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public override void WriteToManifest(ManifestPublishingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // deployment tools cannot produce the whsec_ form, so a published manifest asks for the value instead
        context.Writer.WriteString("value", "{webhook-signing-secret.inputs.value}");
    }
}
