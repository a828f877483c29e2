using ImagePipeline.Notifier.Tests.Support;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Notifier.Tests.Startup;

public sealed class StartupTests
{
    [Theory]
    [InlineData(null, "Webhooks:SigningSecret: the signing secret is missing")]
    [InlineData("not-a-secret", "Webhooks:SigningSecret: the signing secret must start with 'whsec_'")]
    public async Task The_service_refuses_to_start_without_a_valid_signing_secret(string? secret, string expected)
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?> { ["Webhooks:SigningSecret"] = secret });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_refuses_a_claim_lease_shorter_than_the_request_timeout()
    {
        await using var app = NotifierApp.Create(new Dictionary<string, string?>
        {
            ["Webhooks:RequestTimeout"] = "00:00:30",
            ["Webhooks:ClaimLease"] = "00:00:10",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Webhooks:ClaimLease must exceed Webhooks:RequestTimeout", error.Message, StringComparison.Ordinal);
    }
}
