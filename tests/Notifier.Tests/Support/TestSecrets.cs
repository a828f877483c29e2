namespace ImagePipeline.Notifier.Tests.Support;

public static class TestSecrets
{
    // the secret of the Standard Webhooks test vector: 24 bytes, the smallest key the spec allows
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
}
