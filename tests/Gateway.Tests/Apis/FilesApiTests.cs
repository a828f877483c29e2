using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.TestSupport.Images;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary><c>/files</c> serves processed images only, never a client's CSV (issue 10, item 3).</summary>
public sealed class FilesApiTests : IDisposable
{
    private const string KeyA = "key-a-0123456789abcdef";
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,https://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task An_uploaded_csv_is_not_served_to_anyone()
    {
        _factory.Settings["Access:ApiKeys:0"] = KeyA;
        var client = _factory.CreateClient();
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = new StringContent(ValidCsv, Encoding.UTF8, "text/csv") };
        upload.Headers.Add("X-Api-Key", KeyA);
        var accepted = await client.SendAsync(upload);
        var requestId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid();
        Assert.True(File.Exists(Path.Combine(_factory.FilesDirectory, "uploads", $"{requestId:N}.csv")));

        using var withoutKey = await client.GetAsync($"/files/uploads/{requestId:N}.csv");
        using var withKey = new HttpRequestMessage(HttpMethod.Get, $"/files/uploads/{requestId:N}.csv");
        withKey.Headers.Add("X-Api-Key", KeyA);
        using var withOwnersKey = await client.SendAsync(withKey);

        Assert.Equal(HttpStatusCode.NotFound, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withOwnersKey.StatusCode);
        Assert.Equal("nosniff", string.Join(",", withoutKey.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task An_output_csv_is_not_served_by_files()
    {
        var key = $"exports/{Guid.NewGuid():N}.csv";
        await WriteAsync(key, Encoding.UTF8.GetBytes(ValidCsv));

        using var response = await _factory.CreateClient().GetAsync($"/files/{key}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_processed_image_is_served_with_its_type_length_and_nosniff()
    {
        var jpeg = TestImages.Jpeg(32, 24);
        var key = $"images/{Guid.NewGuid():N}.jpg";
        await WriteAsync(key, jpeg);

        using var response = await _factory.CreateClient().GetAsync($"/files/{key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg.Length, response.Content.Headers.ContentLength);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    private async Task WriteAsync(string key, byte[] content)
    {
        // the server must exist first: it creates the store's directory
        _factory.StartServer();
        var path = Path.Combine(_factory.FilesDirectory, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
    }

    public void Dispose() => _factory.Dispose();
}
