using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImagePipeline.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ImagePipeline.Gateway.Tests.Apis;

/// <summary>The optional <c>fresh</c> of an upload: a run that reuses nothing from earlier requests.</summary>
public sealed class FreshUploadTests : IDisposable
{
    private const string ValidCsv = "S. No.,Product Name,Input Image Urls\r\n1,SKU1,https://img.example/a.jpg\r\n";

    private readonly GatewayFactory _factory = new();

    [Fact]
    public async Task Fresh_as_a_form_field_or_a_query_reaches_ingest_and_its_absence_reuses()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ValidCsv, Encoding.UTF8, "text/csv"), "file", "products.csv" },
            { new StringContent("true"), "fresh" },
        };

        var fromForm = await client.PostAsync("/api/requests", form);
        var fromQuery = await client.PostAsync("/api/requests?fresh=1", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));
        var plain = await client.PostAsync("/api/requests", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (fromForm.StatusCode, fromQuery.StatusCode, plain.StatusCode));
        Assert.Equal([true, true, false], harness.Published.Select<RequestSubmitted>().Select(p => p.Context.Message.Fresh));
    }

    [Fact]
    public async Task A_fresh_that_is_not_true_or_false_is_a_clear_400_and_nothing_is_published()
    {
        var client = _factory.CreateClient();
        var harness = _factory.Services.GetRequiredService<ITestHarness>();

        var response = await client.PostAsync("/api/requests?fresh=maybe", new StringContent(ValidCsv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("'fresh' must be true or false", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(harness.Published.Select<RequestSubmitted>().Any());
    }

    public void Dispose() => _factory.Dispose();
}
