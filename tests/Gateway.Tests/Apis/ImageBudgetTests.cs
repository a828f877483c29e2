using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>
/// The rate limit counts uploads; these count images: a per-upload cap and a per-client budget per window, so one
/// client cannot queue millions of images ahead of everyone (issue 10, item 2).
/// </summary>
public sealed class ImageBudgetTests : IDisposable
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string KeyB = "key-b-0123456789abcdef";

    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task An_upload_over_the_image_cap_is_413_naming_the_setting()
    {
        _factory.Settings["Uploads:MaxImagesPerUpload"] = "3";
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/requests", Csv(images: 4));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Uploads:MaxImagesPerUpload", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/requests", Csv(images: 3))).StatusCode);
    }

    [Fact]
    public async Task A_client_past_its_image_budget_is_429_naming_the_setting_and_another_client_is_not()
    {
        _factory.Settings["Access:ApiKeys:0"] = KeyA;
        _factory.Settings["Access:ApiKeys:1"] = KeyB;
        _factory.Settings["Uploads:ImageBudget:PerWindow"] = "10";
        _factory.Settings["Uploads:ImageBudget:Window"] = "01:00:00";
        var client = _factory.CreateClient();

        var first = await UploadAsync(client, KeyA, images: 6);
        var second = await UploadAsync(client, KeyA, images: 6);
        var other = await UploadAsync(client, KeyB, images: 6);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Uploads:ImageBudget:PerWindow", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task A_refused_csv_uses_none_of_the_budget()
    {
        _factory.Settings["Uploads:ImageBudget:PerWindow"] = "5";
        var client = _factory.CreateClient();
        var invalid = new StringContent("S. No.,Product Name,Input Image Urls\n1,,https://img.example/a.jpg\n", Encoding.UTF8, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/requests", invalid)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/requests", Csv(images: 5))).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string key, int images)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = Csv(images) };
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request);
    }

    private static StringContent Csv(int images)
    {
        var csv = new StringBuilder("S. No.,Product Name,Input Image Urls\n");
        for (var i = 1; i <= images; i++)
        {
            csv.Append(i).Append(",SKU").Append(i).Append(",https://img.example/").Append(i).Append(".jpg\n");
        }
        return new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
    }

    public void Dispose() => _factory.Dispose();
}
