using System.Net.Http.Json;
using System.Text.Json;
using ImagePipeline.TestSupport.Infrastructure;

namespace ImagePipeline.Cli.Tests;

/// <summary>
/// <c>imagepipeline</c> run as its own process against the whole system with API keys on: what it prints, and the
/// exit codes scripts branch on (0 completed, 2 completed with errors, 1 usage or transport error).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class CliTests(CliFixture fixture)
{
    [RequiresLocalAppHostFact]
    public async Task Submit_wait_follows_the_request_to_the_end_and_exits_with_its_status()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv(
            $"1,Lamp,\"{fixture.Images.Url("photo.jpg")},{fixture.Images.Url("graphic.png")}\"",
            $"2,Chair,{fixture.Images.Url("missing.jpg")}"));

        var submitted = await fixture.Cli.RunAsync("submit", csv, "--wait");

        Assert.True(submitted.ExitCode == 2, submitted.ToString());
        var requestId = Guid.Parse(Assert.Single(RequestIds(submitted.Stdout).Distinct()));
        Assert.Contains("CompletedWithErrors", submitted.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 succeeded, 1 failed, 0 pending of 3", submitted.Stdout, StringComparison.Ordinal);
        var api = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}");
        Assert.Equal("CompletedWithErrors", api.GetProperty("status").GetString());

        var status = await fixture.Cli.RunAsync("status", requestId.ToString(), "--json");
        Assert.True(status.ExitCode == 2, status.ToString());
        var json = JsonDocument.Parse(status.Stdout).RootElement;
        Assert.Equal(requestId, json.GetProperty("requestId").GetGuid());
        Assert.Equal(1, json.GetProperty("images").GetProperty("failed").GetInt32());
        Assert.Equal(api.GetProperty("outputCsvUrl").GetString(), json.GetProperty("outputCsvUrl").GetString());
    }

    [RequiresLocalAppHostFact]
    public async Task A_completed_request_exits_0_and_output_writes_the_csv_the_api_serves()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv($"1,Poster,{fixture.Images.Url("graphic.png")}"));

        // a receiver that answers every POST 404 is still a webhook: the events chosen are kept on the request
        var submitted = await fixture.Cli.RunAsync(
            "submit", csv, "--wait", "--json", "--webhook", fixture.Images.Url("hook").ToString(), "--events", "image.processed");

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var final = JsonDocument.Parse(submitted.Stdout).RootElement;
        Assert.Equal("Completed", final.GetProperty("status").GetString());
        Assert.Equal(["image.processed"], final.GetProperty("webhookEvents").EnumerateArray().Select(e => e.GetString()));
        var requestId = final.GetProperty("requestId").GetGuid();
        var served = await fixture.Gateway.GetByteArrayAsync($"/api/requests/{requestId}/output.csv");

        var file = Path.Combine(fixture.WorkDirectory, $"{requestId}-output.csv");
        var toFile = await fixture.Cli.RunAsync("output", requestId.ToString(), "-o", file);
        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal(served, await File.ReadAllBytesAsync(file));
        Assert.False(File.Exists(file + ".partial"));

        var toStdout = await fixture.Cli.RunAsync("output", requestId.ToString());
        Assert.True(toStdout.ExitCode == 0, toStdout.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(served), toStdout.Stdout);
        Assert.StartsWith("S. No.,Product Name,Input Image Urls,Output Image Urls", toStdout.Stdout, StringComparison.Ordinal);
    }

    [RequiresLocalAppHostFact]
    public async Task List_shows_the_callers_requests()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv($"1,Listed,{fixture.Images.Url("photo.jpg")}"));
        var submitted = await fixture.Cli.RunAsync("submit", csv, "--json");
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var requestId = JsonDocument.Parse(submitted.Stdout).RootElement.GetProperty("requestId").GetGuid();

        var json = await fixture.Cli.RunAsync("list", "--json", "--limit", "100");
        var table = await fixture.Cli.RunAsync("list");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("requestId").GetGuid() == requestId);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(requestId.ToString(), table.Stdout, StringComparison.Ordinal);
    }

    [RequiresLocalAppHostFact]
    public async Task A_csv_with_errors_is_refused_with_its_errors_listed_and_exit_1()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv($"1,Good,{fixture.Images.Url("photo.jpg")}", $"x7,Bad,{fixture.Images.Url("photo.jpg")}"));

        var result = await fixture.Cli.RunAsync("submit", csv);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("The CSV is not valid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'x7' is not a positive whole number.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("S. No.", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [RequiresLocalAppHostFact]
    public async Task The_api_key_comes_from_the_option_or_the_environment_and_without_one_the_gateway_refuses()
    {
        var csv = fixture.WriteCsv(CliFixture.Csv($"1,Keyed,{fixture.Images.Url("photo.jpg")}"));
        var withoutKey = new Dictionary<string, string?> { ["IMAGEPIPELINE_GATEWAY"] = fixture.Gateway.BaseAddress!.ToString() };

        var refused = await CliRunner.RunWithAsync(withoutKey, "submit", csv);
        var byOption = await CliRunner.RunWithAsync(withoutKey, "submit", csv, "--api-key", CliFixture.ApiKey, "--json");
        var byGatewayOption = await CliRunner.RunWithAsync(new Dictionary<string, string?>(),
            "list", "--gateway", fixture.Gateway.BaseAddress!.ToString(), "--api-key", CliFixture.ApiKey);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("--api-key", refused.Stderr, StringComparison.Ordinal);
        Assert.True(byOption.ExitCode == 0, byOption.ToString());
        var requestId = JsonDocument.Parse(byOption.Stdout).RootElement.GetProperty("requestId").GetGuid();
        Assert.True(byGatewayOption.ExitCode == 0, byGatewayOption.ToString());
        Assert.Contains(requestId.ToString(), byGatewayOption.Stdout, StringComparison.Ordinal);
    }

    [RequiresLocalAppHostFact]
    public async Task Unknown_requests_bad_arguments_and_an_unreachable_gateway_exit_1()
    {
        var unknown = await fixture.Cli.RunAsync("status", Guid.NewGuid().ToString());
        var notAnId = await fixture.Cli.RunAsync("status", "not-an-id");
        var noFile = await fixture.Cli.RunAsync("submit", Path.Combine(fixture.WorkDirectory, "absent.csv"));
        var unreachable = await CliRunner.RunWithAsync(new Dictionary<string, string?>(), "list", "--gateway", "http://127.0.0.1:9");

        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("No request has the ID", unknown.Stderr, StringComparison.Ordinal);
        Assert.True(notAnId.ExitCode == 1, notAnId.ToString());
        Assert.True(noFile.ExitCode == 1, noFile.ToString());
        Assert.Contains("absent.csv", noFile.Stderr, StringComparison.Ordinal);
        Assert.True(unreachable.ExitCode == 1, unreachable.ToString());
        Assert.Contains("Cannot reach the gateway", unreachable.Stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> RequestIds(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Select(m => m.Value);
}
