using System.Net.Http.Json;
using System.Text.Json;
using ImagePipeline.TestSupport.Http;
using ImagePipeline.TestSupport.Images;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// Reuse never crosses clients (issue 21, rule 4): two API keys send the same catalogue through the CLI. The other
/// client's request downloads every image as new, with no validator the first client's request was served with, and
/// reuses nothing; the first client sending it again gets every image answered 304. It lives here because this is
/// the AppHost fixture that runs with API keys; the EndToEnd fixture, where the rest of reuse is tested, runs without.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ReuseIsolationTests(CliFixture fixture)
{
    [RequiresLocalAppHostFact]
    public async Task Another_client_downloads_every_image_anew_while_the_same_client_sending_it_again_gets_304s()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var origin = fixture.Conditional;
        (string Name, byte[] Bytes, string ContentType)[] images =
        [
            ($"{run}/sofa.jpg", TestImages.Jpeg(96, 64, quality: 92, seed: 51), "image/jpeg"),
            ($"{run}/shelf.jpg", TestImages.Jpeg(80, 60, quality: 90, seed: 52), "image/jpeg"),
            ($"{run}/logo.png", TestImages.Png(48, 40, seed: 53), "image/png"),
        ];
        foreach (var (name, bytes, contentType) in images)
        {
            origin.Put(name, bytes, contentType);
        }
        var csv = fixture.WriteCsv(CliFixture.Csv(
            $"1,Sofa,\"{origin.Url(images[0].Name)},{origin.Url(images[2].Name)}\"",
            $"2,Shelf,{origin.Url(images[1].Name)}"));
        var otherClient = new CliRunner(fixture.Gateway.BaseAddress!, CliFixture.OtherApiKey);

        var first = await SubmitAsync(fixture.Cli, csv);
        var byOther = await SubmitAsync(otherClient, csv);
        var again = await SubmitAsync(fixture.Cli, csv);

        Assert.Equal((0, 0, 0), Reused(first));
        // the other client's request knows nothing of the first's: not one image reused, by a 304 or by same bytes
        Assert.Equal((0, 0, 0), Reused(byOther));
        Assert.Equal((0, 3, 0), Reused(again));
        foreach (var (name, bytes, _) in images)
        {
            var asked = origin.RequestsOf(name);
            var path = ConditionalOrigin.PathOf(name);
            // the first client's request and the other client's: plain GETs, each answered with the whole body
            Assert.Equal(
                [new OriginRequest(path, null, null, 200, bytes.Length), new OriginRequest(path, null, null, 200, bytes.Length)],
                asked.Take(2));
            // the first client again: the ETag its first request was served with, answered 304
            var conditional = Assert.Single(asked.Skip(2));
            Assert.Equal((origin.ETagOf(name), 304, 0L), (conditional.IfNoneMatch, conditional.Status, conditional.BodyBytes));
        }

        var firstOutputs = await OutputPathsAsync(RequestId(first));
        var firstCsv = await OutputCsvAsync(fixture.Cli, RequestId(first));
        var otherCsv = await OutputCsvAsync(otherClient, RequestId(byOther));
        var againCsv = await OutputCsvAsync(fixture.Cli, RequestId(again));
        Assert.Equal(3, firstOutputs.Length);
        Assert.All(firstOutputs, output => Assert.Contains(output, firstCsv, StringComparison.Ordinal));
        Assert.All(firstOutputs, output => Assert.DoesNotContain(output, otherCsv, StringComparison.Ordinal));
        Assert.Equal(firstCsv, againCsv);
    }

    /// <summary><c>submit --wait --json</c> as <paramref name="client"/>: the final status, which must be Completed (exit 0).</summary>
    private static async Task<JsonElement> SubmitAsync(CliRunner client, string csv)
    {
        var submitted = await client.RunAsync("submit", csv, "--wait", "--json");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        return JsonDocument.Parse(submitted.Stdout).RootElement;
    }

    private static async Task<string> OutputCsvAsync(CliRunner client, Guid requestId)
    {
        var output = await client.RunAsync("output", requestId.ToString());
        Assert.True(output.ExitCode == 0, output.ToString());
        return output.Stdout;
    }

    /// <summary>The path of every image's output, from the products API as the first client (the fixture's key).</summary>
    private async Task<string[]> OutputPathsAsync(Guid requestId)
    {
        var products = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}/products");
        return [.. products.EnumerateArray()
            .SelectMany(p => p.GetProperty("images").EnumerateArray())
            .Select(i => new Uri(i.GetProperty("outputUrl").GetString()!).PathAndQuery)];
    }

    private static Guid RequestId(JsonElement status) => status.GetProperty("requestId").GetGuid();

    private static (int SameRequest, int NotModified, int SameBytes) Reused(JsonElement status)
    {
        var reused = status.GetProperty("reused");
        return (reused.GetProperty("sameRequest").GetInt32(), reused.GetProperty("notModified").GetInt32(), reused.GetProperty("sameBytes").GetInt32());
    }
}
