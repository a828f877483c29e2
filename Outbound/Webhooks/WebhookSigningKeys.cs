using System.Security.Cryptography;
using System.Text;

namespace ImagePipeline.Outbound.Webhooks;

/// <summary>
/// The webhook signing key of each client, derived from the master secret (<c>Webhooks:SigningSecret</c>) and the
/// client's API key fingerprint: HMAC-SHA256(master key, <c>"imagepipeline/webhook-secret/v1:" + fingerprint</c>).
/// One client's secret therefore tells nothing about another's or the master's, nothing per client is stored, and the
/// gateway (which hands a client its secret) and the Notifier (which signs with it) compute the same key on their own.
/// Without API keys there are no clients: the master key itself signs, as it did before keys existed.
/// </summary>
public sealed class WebhookSigningKeys
{
    /// <summary>Bytes of a derived key: the HMAC-SHA256 output, within the 24 to 64 the Standard Webhooks spec asks for.</summary>
    public const int DerivedKeyBytes = 32;

    // the version in the label lets a later derivation exist beside this one without ever producing the same key
    private const string Label = "imagepipeline/webhook-secret/v1:";

    // a fingerprint is the lower-case hex SHA-256 of the key (ApiKeyRing.Fingerprint in the gateway)
    private const int FingerprintLength = 64;

    private readonly byte[] _master;

    public WebhookSigningKeys(string? masterSecret) => _master = WebhookSecret.Parse(masterSecret);

    /// <summary>
    /// The key that signs webhooks of <paramref name="clientId"/> (an API key fingerprint); the master key when it is
    /// null, i.e. when API keys are off.
    /// </summary>
    public byte[] KeyFor(string? clientId)
    {
        if (clientId is null)
        {
            return _master.ToArray();
        }
        if (!IsFingerprint(clientId))
        {
            // anything else would still derive a key, silently one no client can ever be given
            throw new ArgumentException("A client ID is the 64-character lower-case hex SHA-256 fingerprint of an API key.", nameof(clientId));
        }
        return HMACSHA256.HashData(_master, Encoding.ASCII.GetBytes(Label + clientId));
    }

    /// <summary>The secret a client verifies its webhooks with, in the <c>whsec_</c> form verifier libraries take.</summary>
    public string SecretFor(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return WebhookSecret.Format(KeyFor(clientId));
    }

    public static bool IsFingerprint(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return clientId.Length == FingerprintLength && clientId.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
    }
}
