using ImagePipeline.Gateway.Access;
using ImagePipeline.Outbound.Webhooks;

namespace ImagePipeline.Gateway.Extensions;

public static class WebhookSecretExtensions
{
    /// <summary>Where the master secret is read from: the same setting the Notifier signs with.</summary>
    public const string SigningSecretKey = "Webhooks:SigningSecret";

    /// <summary>
    /// The master webhook secret, from which each API key's own secret is derived. Required when API keys are on (the
    /// gateway refuses to start without a valid one); with keys off it is not needed, as there is no client to serve.
    /// </summary>
    public static WebApplicationBuilder AddWebhookSecrets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AccessOptions>().Validate<IConfiguration>(
            (access, configuration) => access.ApiKeys.Count == 0 || WebhookSecret.TryParse(configuration[SigningSecretKey], out _, out _),
            $"{SigningSecretKey} must be set to '{WebhookSecret.Prefix}' followed by base64 of {WebhookSecret.MinKeyBytes} to {WebhookSecret.MaxKeyBytes} random bytes " +
            "when Access:ApiKeys is: each key's webhook secret is derived from it.");
        if (WebhookSecret.TryParse(builder.Configuration[SigningSecretKey], out _, out _))
        {
            var secret = builder.Configuration[SigningSecretKey];
            builder.Services.AddSingleton(new WebhookSigningKeys(secret));
        }
        return builder;
    }
}
