using ImagePipeline.Ingest.Extensions;
using ImagePipeline.Ingest.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImagePipeline.Ingest.Tests.Retention;

/// <summary>Retention's settings as Ingest's registration binds and checks them.</summary>
public sealed class RetentionOptionsTests
{
    [Fact]
    public void Requests_are_kept_30_days_looked_for_hourly_by_default()
    {
        var options = Bind([]);

        Assert.Equal((30d, TimeSpan.FromHours(1), 100), (options.Days, options.SweepInterval, options.SweepBatch));
        Assert.Equal(TimeSpan.FromDays(30), options.Period);
    }

    [Fact]
    public void Fractional_days_are_allowed()
    {
        Assert.Equal(TimeSpan.FromSeconds(8.64), Bind([new("Retention:Days", "0.0001")]).Period);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Zero_or_negative_days_are_refused(string days)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind([new("Retention:Days", days)]));

        Assert.Contains(nameof(RetentionOptions.Days), refused.Message, StringComparison.Ordinal);
    }

    private static RetentionOptions Bind(KeyValuePair<string, string?>[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        // registration only: nothing here is connected to
        builder.Configuration.AddInMemoryCollection([
            new("ConnectionStrings:ingestdb", "Data Source=:memory:"),
            new("ConnectionStrings:files", new Uri(Path.Combine(Path.GetTempPath(), "imagepipeline-retention-options")).AbsoluteUri),
            new("ConnectionStrings:messaging", "amqp://guest:guest@127.0.0.1:1/"),
            .. settings]);
        builder.AddIngestServices();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
